"""Source text of the demo routine catalogue (written for Lotsen; every name and number is invented).

`python tools/make_demo_catalogue.py` renders these into bot/rutiner/demo_catalogue/ in a mix of
formats (Markdown, text, HTML, Word, PDF), each with a header block as real routines have.
"""

from __future__ import annotations

# (file stem, format, title, header, sections[(heading, text)])
ROUTINES = [
    ("rutin_avvikelser", "md", "Rutin för hantering av avvikelser",
     {"Fastställd av": "Verksamhetschef barn och familj", "Fastställd datum": "2025-02-03",
      "Giltig till": "2027-02-28", "Dokumentägare": "Kvalitetsenheten", "Diarienummer": "SN 2025/0031",
      "Version": "3.0"},
     [("Syfte", "Rutinen ska säkerställa att varje avvikelse rapporteras, utreds och återkopplas, och att "
                "avvikelserna används i verksamhetens förbättringsarbete."),
      ("Vad är en avvikelse", "En avvikelse är en händelse som bryter mot lagar, föreskrifter, rutiner eller "
       "genomförandeplaner, eller som går emot socialtjänstens grundprinciper. Även brister i samverkan med "
       "andra aktörer som drabbar den enskilde ska rapporteras. Allvarliga missförhållanden hanteras i stället "
       "enligt rutinen för lex Sarah."),
      ("Så rapporterar du", "Alla medarbetare rapporterar avvikelser. Rapportera i Lotsen med kommandot "
       "/avvikelse eller i verksamhetssystemet. Beskriv vad som hände, vilken konsekvens det fick eller kunde "
       "få och vad som gjordes direkt. Skriv aldrig namn eller personnummer; hänvisa till diarienummer."),
      ("Utredning och tidsfrist", "Din enhetschef utreder avvikelsen. Utredningen påbörjas snarast och ska "
       "vara klar inom sex veckor från rapporten. Kvalitetsenheten kan stödja vid stora eller komplexa "
       "utredningar."),
      ("Återkoppling och uppföljning", "När utredningen avslutas får den som rapporterade återkoppling om "
       "åtgärderna. Enhetschefen följer upp att åtgärderna genomförts och gett avsedd effekt. Kvalitetsenheten "
       "sammanställer avvikelserna tre gånger per år.")]),
    ("rutin_avvikelser_2021", "txt", "Rutin för hantering av avvikelser",
     {"Fastställd av": "Socialchef", "Fastställd datum": "2021-01-15", "Giltig till": "2023-06-30",
      "Dokumentägare": "Kvalitetsenheten", "Diarienummer": "SN 2021/0007", "Version": "2.1"},
     [("Syfte", "Rutinen beskriver hur avvikelser rapporteras på blankett och lämnas till närmaste chef."),
      ("Rapportering", "Fyll i avvikelseblanketten och lämna den till din enhetschef inom en vecka. "
       "Enhetschefen utreder avvikelsen inom åtta veckor."),
      ("Sammanställning", "Avvikelserna sammanställs en gång per år i kvalitetsberättelsen.")]),
    ("rutin_lex_sarah", "docx", "Rutin för lex Sarah",
     {"Fastställd av": "Socialnämnden", "Fastställd datum": "2025-04-22", "Giltig till": "2027-04-30",
      "Dokumentägare": "Verksamhetschef barn och familj", "Diarienummer": "SN 2025/0102", "Version": "2.0"},
     [("Rapporteringsskyldighet", "Den som arbetar i socialtjänsten ska genast rapportera missförhållanden "
       "och påtagliga risker för missförhållanden som rör den som får insatser. Rapporten lämnas till "
       "lex Sarah-ansvarig eller till närmaste chef."),
      ("Utredning", "Missförhållandet ska dokumenteras, utredas och avhjälpas utan dröjsmål. Utredningen görs "
       "av lex Sarah-utredaren med stöd av aktgranskning och intervjuer med berörda handläggare och "
       "teamledare. Lokalt mål: utredningen är klar inom sex veckor."),
      ("Bedömning och anmälan till IVO", "Utredningen bedömer om det är ett allvarligt missförhållande, ett "
       "missförhållande eller inget missförhållande. Ett allvarligt missförhållande anmäls snarast till "
       "Inspektionen för vård och omsorg (IVO), med utredningen bifogad."),
      ("Handlingsplan och lärande", "Efter utredningen upprättar ansvarig chef en handlingsplan med åtgärd, "
       "ansvarig, planerat datum och uppföljning. Utredningen diskuteras på arbetsplatsträff.")]),
    ("klagomal_och_synpunkter", "html", "Rutin för klagomål och synpunkter",
     {"Fastställd av": "Verksamhetschef barn och familj", "Fastställd datum": "2024-09-10",
      "Revideras senast": "2026-12-15", "Ansvarig": "Kvalitetsenheten", "Diarienummer": "SN 2024/0210",
      "Version": "1.2"},
     [("Vem kan lämna klagomål", "Den som får stöd, anhöriga och andra kan lämna klagomål eller synpunkter "
       "muntligt, skriftligt eller via kommunens e-tjänst. Hjälp den som vill klaga att få klagomålet "
       "registrerat."),
      ("Handläggning", "Klagomålet registreras och skickas till berörd enhetschef, som svarar inom tre veckor. "
       "Klagomål som visar på missförhållanden hanteras enligt lex Sarah."),
      ("Sammanställning", "Klagomål och synpunkter sammanställs och analyseras tillsammans med avvikelserna.")]),
    ("personuppgiftsincident", "md", "Rutin vid personuppgiftsincident",
     {"Fastställd av": "Förvaltningschef", "Fastställd datum": "2025-05-05", "Giltig till": "2027-05-31",
      "Dokumentägare": "Dataskyddssamordnare", "Diarienummer": "SN 2025/0120", "Version": "1.0"},
     [("Vad är en personuppgiftsincident", "En incident är när personuppgifter kommer på avvägar, förstörs "
       "eller ändras av misstag, till exempel när ett beslut skickas till fel mottagare, ett meddelande går "
       "till fel person eller en dator med uppgifter tappas bort."),
      ("Gör så här direkt", "Begränsa skadan, till exempel genom att be fel mottagare radera uppgifterna. "
       "Anmäl incidenten till din chef och dataskyddssamordnaren samma dag."),
      ("Anmälan till IMY", "Dataskyddssamordnaren bedömer om incidenten ska anmälas till "
       "Integritetsskyddsmyndigheten. Anmälan ska göras inom 72 timmar från att förvaltningen fick kännedom "
       "om incidenten.")]),
    ("mottagning_orosanmalan", "md", "Mottagning av orosanmälan om barn",
     {"Fastställd av": "Enhetschef mottagningen", "Fastställd datum": "2025-01-20", "Giltig till": "2027-01-31",
      "Dokumentägare": "Enhetschef mottagningen", "Diarienummer": "SN 2025/0012", "Version": "2.3"},
     [("Ta emot anmälan", "Anmälningar om oro för barn tas emot av mottagningen under kontorstid och av "
       "socialjouren övriga tider. Registrera anmälan samma dag och kontrollera om barnet redan är aktuellt."),
      ("Information som inte är en anmälan", "Uppgifter som inte är en anmälan, till exempel egen kännedom, "
       "registreras som information på annat sätt. En felregistrering utlöser krav på skyddsbedömning."),
      ("Återkoppling till anmälaren", "En yrkesverksam anmälare som begär det ska få veta om utredning har "
       "inletts eller inte, senast en vecka efter beslutet."),
      ("Anmälan i öppet ärende", "Gäller anmälan ett barn med pågående utredning eller insats går den direkt "
       "till ansvarig handläggare. Är handläggaren frånvarande tar dagberedskapen den.")]),
    ("omedelbar_skyddsbedomning", "txt", "Omedelbar skyddsbedömning",
     {"Fastställd av": "Enhetschef mottagningen", "Fastställd datum": "2025-01-20", "Giltig till": "2027-01-31",
      "Dokumentägare": "Enhetschef mottagningen", "Diarienummer": "SN 2025/0013", "Version": "1.4"},
     [("När", "När en anmälan om ett barn kommer in ska socialtjänsten genast bedöma om barnet behöver "
       "omedelbart skydd. Bedömningen görs samma dag, även på helger av socialjouren."),
      ("Dokumentation", "Skyddsbedömningen dokumenteras i barnets personakt med vem som gjorde den, tidpunkt "
       "och vilka omständigheter som låg till grund."),
      ("Behov av skydd", "Om barnet behöver skydd direkt, använd checklistan för omedelbart omhändertagande "
       "enligt LVU och kontakta jourhavande chef.")]),
    ("forhandsbedomning", "docx", "Rutin för förhandsbedömning",
     {"Fastställd av": "Enhetschef mottagningen", "Fastställd datum": "2025-03-03", "Giltig till": "2027-03-31",
      "Dokumentägare": "Enhetschef mottagningen", "Diarienummer": "SN 2025/0044", "Version": "2.0"},
     [("Tidsfrist", "Senast 14 dagar efter att anmälan kom in ska det vara beslutat om utredning inleds eller "
       "inte. Fristen får bara överskridas om det finns synnerliga skäl, som ska dokumenteras. "
       "Hög arbetsbelastning är inte ett sådant skäl."),
      ("Beslut", "En behörig socialsekreterare får besluta att inleda utredning. Beslut att inte inleda "
       "utredning fattas av teamledare enligt delegationsordningen."),
      ("Våld", "Vid uppgifter om våld mot barn eller om att barnet bevittnat våld ska utredning inledas utan "
       "dröjsmål."),
      ("Barnets röst", "Barnets synpunkter ska inhämtas under förhandsbedömningen, eller så ska det "
       "dokumenteras varför det inte gjordes.")]),
    ("utredning_bbic", "html", "Utredning enligt BBIC",
     {"Fastställd av": "Enhetschef utredningsenhet 1", "Fastställd datum": "2024-11-11", "Giltig till": "2026-11-30",
      "Dokumentägare": "Metodutvecklare", "Diarienummer": "SN 2024/0288", "Version": "4.1"},
     [("Utredningstid", "En utredning om barn ska bedrivas skyndsamt och vara klar inom fyra månader från att "
       "den inleddes. Nämnden kan förlänga tiden om det finns särskilda skäl; beslutet fattas innan fristen "
       "löper ut."),
      ("Utredningsplan", "I samband med att utredningen inleds upprättas en utredningsplan tillsammans med "
       "barnet och vårdnadshavarna."),
      ("Barns behov i centrum", "Utredningen följer BBIC:s triangel: barnets behov, föräldrarnas förmåga och "
       "familj och nätverk. Använd strukturerade metoder som FREDA vid våld."),
      ("Kommunicering och beslut", "Innan beslut fattas ska vårdnadshavare och barn över 15 år få ta del av "
       "utredningen och yttra sig.")]),
    ("samtal_med_barn", "md", "Samtal med barn utan vårdnadshavares samtycke",
     {"Fastställd av": "Verksamhetschef barn och familj", "Fastställd datum": "2024-06-17",
      "Giltig till": "2027-06-30", "Dokumentägare": "Verksamhetschef barn och familj",
      "Diarienummer": "SN 2024/0150", "Version": "1.1"},
     [("När", "Barnet får höras utan vårdnadshavares samtycke och utan att vårdnadshavaren är närvarande om "
       "det behövs för utredningen. Överväg särskilt vid misstanke om våld eller hedersrelaterat förtryck."),
      ("Dokumentation", "Beslutet att samtala med barnet utan samtycke dokumenteras alltid i barnets akt, med "
       "skälen för beslutet.")]),
    ("ej_verkstallda_beslut", "txt", "Rapportering av ej verkställda beslut",
     {"Fastställd av": "Förvaltningschef", "Fastställd datum": "2025-02-14", "Giltig till": "2027-02-28",
      "Dokumentägare": "Verksamhetscontroller", "Diarienummer": "SN 2025/0050", "Version": "1.3"},
     [("Vilka beslut", "Gynnande beslut om insatser som inte har verkställts inom tre månader från beslutet "
       "ska rapporteras till IVO och till kommunens revisorer. Detsamma gäller när verkställigheten "
       "avbrutits och inte återupptagits inom tre månader."),
      ("Hur och när", "Handläggaren anmäler beslutet till verksamhetscontrollern, som rapporterar varje kvartal "
       "via IVO:s e-tjänst med ett pseudonymiserat id. Rapportera också när beslutet har verkställts.")]),
    ("aktgranskning", "pdf", "Egenkontroll genom aktgranskning",
     {"Fastställd av": "Verksamhetschef barn och familj", "Fastställd datum": "2025-01-09",
      "Giltig till": "2027-01-31", "Dokumentägare": "Kvalitetsenheten", "Diarienummer": "SN 2025/0005",
      "Version": "2.2"},
     [("Syfte", "Aktgranskningen är en årlig egenkontroll av att dokumentation och handläggning följer lagar "
       "och rutiner."),
      ("Urval och genomförande", "Kvalitetsenheten drar ett slumpmässigt urval av akter. Teamledare och "
       "enhetschefer granskar akterna med en gemensam granskningsmall."),
      ("Resultat", "Resultaten sammanställs per enhet och redovisas för områdesledningen, som beslutar om "
       "förbättringsåtgärder.")]),
    ("arendegenomgang", "md", "Ärendegenomgång med teamledare",
     {"Fastställd av": "Enhetschef utredningsenhet 1", "Fastställd datum": "2025-03-17", "Giltig till": "2027-03-31",
      "Dokumentägare": "Enhetschef utredningsenhet 1", "Diarienummer": "SN 2025/0061", "Version": "1.0"},
     [("Hur ofta", "Varje handläggare har ärendegenomgång med sin teamledare en gång i månaden. Teamledaren "
       "fördelar nya ärenden varje vecka."),
      ("Vad som gås igenom", "Frister för förhandsbedömningar och utredningar, utredningsplaner, beslut som "
       "väntar och insatser som ska följas upp. Lotsen skickar teamledaren en daglig sammanställning av "
       "teamets frister.")]),
    ("placering_och_overvagande", "docx", "Placering och övervägande",
     {"Fastställd av": "Enhetschef placering", "Fastställd datum": "2024-10-01", "Giltig till": "2027-10-31",
      "Dokumentägare": "Enhetschef placering", "Diarienummer": "SN 2024/0240", "Version": "3.1"},
     [("Vårdplan och genomförandeplan", "Vid placering i familjehem eller HVB upprättas en vårdplan och en "
       "genomförandeplan. Barnets vårdplan ses över senast när barnet varit placerat i två år."),
      ("Övervägande", "Placeringen ska övervägas minst var sjätte månad. Övervägandet beslutas av utskottet, så "
       "ärendet ska anmälas till utskottets sammanträde i god tid före fristen."),
      ("Familjehem", "Familjehemssekreteraren stödjer familjehemmet och besöker barnet regelbundet.")]),
    ("lvu_omedelbart_omhandertagande", "html", "Omedelbart omhändertagande enligt LVU",
     {"Fastställd av": "Socialnämnden", "Fastställd datum": "2025-06-09", "Giltig till": "2027-06-30",
      "Dokumentägare": "Verksamhetschef barn och familj", "Diarienummer": "SN 2025/0140", "Version": "2.0"},
     [("Beslut", "Ordföranden eller utsedd ledamot kan besluta om omedelbart omhändertagande när rättens "
       "beslut inte kan avvaktas."),
      ("Underställning", "Beslutet ska underställas förvaltningsrätten inom en vecka från dagen för beslutet."),
      ("Ansökan om vård", "Ansökan om vård enligt LVU ska göras inom fyra veckor från verkställigheten, annars "
       "upphör omhändertagandet.")]),
    ("genomforandeplan_och_uppfoljning", "md", "Genomförandeplan och uppföljning av insatser",
     {"Fastställd av": "Enhetschef öppenvård", "Fastställd datum": "2025-04-07", "Giltig till": "2027-04-30",
      "Dokumentägare": "Enhetschef öppenvård", "Diarienummer": "SN 2025/0090", "Version": "1.5"},
     [("Uppdrag och genomförandeplan", "Utföraren får ett uppdrag från handläggaren. En genomförandeplan med "
       "mätbara mål upprättas när insatsen startar."),
      ("Uppföljning", "Insatsen följs upp enligt plan. Behandlaren meddelar handläggaren snabbt om insatsen "
       "inte går enligt plan, till exempel om föräldrarna uteblir."),
      ("Tidsbegränsade beslut", "Tidsbegränsade beslut ska omprövas innan de löper ut; insatser får inte pågå "
       "utan beslut.")]),
    ("dokumentation_och_journalforing", "txt", "Dokumentation och journalföring",
     {"Fastställd av": "Verksamhetschef barn och familj", "Fastställd datum": "2024-08-19",
      "Giltig till": "2027-08-31", "Dokumentägare": "Förvaltningsjurist", "Diarienummer": "SN 2024/0190",
      "Version": "2.0"},
     [("Vad ska dokumenteras", "Beslut, åtgärder och faktiska omständigheter av betydelse ska dokumenteras "
       "utan onödigt dröjsmål. Skriv sakligt och så att barnet kan läsa sin akt senare."),
      ("När", "Journalanteckningar förs in senast inom en vecka. Vid frånvaro ansvarar teamledaren för att "
       "viktiga uppgifter förs in."),
      ("Syskon", "Uppgifter om ett syskon förs inte in i ett annat barns akt.")]),
    ("introduktion_nyanstallda", "md", "Introduktion av nyanställda",
     {"Fastställd av": "Enhetschef mottagningen", "Fastställd datum": "2025-08-25", "Giltig till": "2027-08-31",
      "Dokumentägare": "HR-partner", "Diarienummer": "SN 2025/0170", "Version": "1.0"},
     [("Fadder och checklista", "Varje nyanställd får en fadder och en introduktionschecklista. Fadder och "
       "chef följer upp checklistan efter två veckor och efter tre månader."),
      ("Utbildning", "Under första månaden går den nyanställda kursen Handläggning och dokumentation och "
       "introduceras i BBIC och Signs of Safety."),
      ("Behörighet", "Myndighetsutövning kräver socionomexamen eller motsvarande; obehöriga medarbetare får "
       "inte fatta beslut.")]),
    ("signs_of_safety", "html", "Arbetsmodellen Signs of Safety",
     {"Fastställd av": "Styrgrupp Signs of Safety", "Fastställd datum": "2024-05-13", "Giltig till": "2027-05-31",
      "Dokumentägare": "Processledare", "Diarienummer": "SN 2024/0120", "Version": "1.3"},
     [("Modellen", "Signs of Safety är ett lösningsfokuserat och säkerhetsorienterat arbetssätt där familj "
       "och nätverk görs delaktiga i att skapa säkerhet för barnet."),
      ("Verktyg", "Handläggaren använder kartläggning i tre kolumner: vad oroar oss, vad fungerar bra och vad "
       "behöver hända. Barnets egen bild fångas med verktyget tre hus."),
      ("Stöd", "Varje enhet har en metodstödjare. Styrgruppen följer upp hur modellen används.")]),
    ("sekretess_vid_samverkan", "md", "Sekretess vid samverkan",
     {"Fastställd av": "Förvaltningschef", "Fastställd datum": "2025-01-27", "Giltig till": "2027-01-31",
      "Dokumentägare": "Förvaltningsjurist", "Diarienummer": "SN 2025/0020", "Version": "1.1"},
     [("Huvudregel", "Uppgifter om enskilda inom socialtjänsten omfattas av sekretess och får bara lämnas ut "
       "om en sekretessbrytande bestämmelse finns eller om den enskilde samtycker."),
      ("Skola, BUP och polis", "Vid samverkan med skola, barn- och ungdomspsykiatrin eller polis: inhämta "
       "samtycke, eller pröva om en sekretessbrytande bestämmelse gäller. Dokumentera vad som lämnades ut."),
      ("Chatt och e-post", "Skriv aldrig namn eller personnummer i chatt. Använd diarienummer, och skicka "
       "känsliga uppgifter bara via säker e-post.")]),
    ("delegationsordning", "txt", "Delegationsordning i korthet",
     {"Fastställd av": "Socialnämnden", "Fastställd datum": "2025-01-01", "Giltig till": "2026-12-31",
      "Dokumentägare": "Nämndsekreterare", "Diarienummer": "SN 2024/0300", "Version": "5.0"},
     [("Vem beslutar", "Socialsekreterare beslutar om att inleda utredning. Teamledare beslutar om att inte "
       "inleda utredning och om vissa insatser. Beslut om stadigvarande vård och fostran kan inte delegeras; "
       "nämnden beslutar."),
      ("Utskottet", "Övervägande av placeringar och de flesta beslut enligt LVU får bara delegeras till "
       "utskottet.")]),
]
