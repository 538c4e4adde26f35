"""Sources of the unseen evaluation catalogue: routines of a made-up "Sjöviks kommun", written in another
hand than the demo catalogue (tools/demo_routines.py) and rendered by tools/make_unseen_catalogue.py
into benchmarks/rutiner/unseen/catalogue/.

Facts follow /work/shared/domain (deadlines, roles, routine names); the wording is this file's own.
Sjövik writes "Beslutad av", "Gäller från", "Revideras senast", "Processägare", numbers its headings in
Word and PDF, and ends most routines with "Relaterade dokument" and "Lagstöd".

Each routine: file (name and format), title, meta (label → value, in the order written), sections
(heading, text), and optionally table (rows, the first one a header) placed after the section named
by table_after.
"""

from __future__ import annotations

from typing import Any

BOSS = "Verksamhetschef IFO"
FIRST = "Processägare"


def meta(by: str, since: str, until: str, owner: str, dnr: str, version: str) -> dict[str, str]:
    return {"Beslutad av": by, "Gäller från": since, "Revideras senast": until, FIRST: owner,
            "Dnr": dnr, "Version": version}


ROUTINES: list[dict[str, Any]] = [
    # --- Avvikelser, current (Word) and an outdated version (PDF) -----------------------------------
    {
        "file": "Rutin avvikelsehantering.docx",
        "title": "Rutin för avvikelsehantering inom individ- och familjeomsorgen",
        "meta": meta("Socialnämndens arbetsutskott", "2024-03-01", "2027-03-01", "Kvalitetsstrateg",
                     "SOC 2024/118", "3.0"),
        "sections": [
            ("Syfte", "Rutinen beskriver hur brister i verksamhetens kvalitet fångas upp, rapporteras och "
             "åtgärdas så att samma fel inte händer igen. Den gäller alla medarbetare inom IFO, även "
             "timanställda och praktikanter."),
            ("Vad är en avvikelse", "En avvikelse är en händelse som avviker från rutiner, beslut eller lagstiftning "
             "och som har påverkat eller hade kunnat påverka kvaliteten för den enskilde. Exempel är en "
             "missad tidsfrist, en journalanteckning som förts in i fel akt eller ett möte som inte blev av "
             "för att kallelsen aldrig skickades. Händelser som kan vara ett allvarligt missförhållande "
             "hanteras i stället enligt rutinen för lex Sarah."),
            ("Rapportera", "Den som upptäcker avvikelsen rapporterar den i verksamhetssystemets "
             "avvikelsemodul senast arbetsdagen efter. Beskriv vad som hände, inte vem som gjorde fel. "
             "Den enskildes namn skrivs inte i fritexten; ange ärendenummer."),
            ("Utreda", "Enhetschefen tar emot rapporten, påbörjar utredningen snarast och avslutar den inom sex "
             "veckor. Enhetschefen bedömer allvarlighetsgraden med hjälp av riskmatrisen och beslutar om "
             "åtgärder. Den som rapporterade får återkoppling när utredningen avslutas."),
            ("Följa upp och sammanställa", "Beslutade åtgärder följs upp vid den tidpunkt enhetschefen bestämt. "
             "Kvalitetsstrategen sammanställer alla avvikelser tre gånger per år och redovisar mönster "
             "och förbättringar för ledningsgruppen. Enhetschefen tar upp avvikelser på APT."),
            ("Relaterade dokument", "Rutin för lex Sarah. Rutin för klagomål och synpunkter. Riskmatris för "
             "avvikelser och lex Sarah. Rutin vid personuppgiftsincident."),
            ("Lagstöd", "SOSFS 2011:9 om ledningssystem för systematiskt kvalitetsarbete, 5 kap. 6 §."),
        ],
        "table": [["Steg", "Ansvarig", "Tid"], ["Rapportera", "Medarbetare", "Senast dagen efter"],
                  ["Utreda och besluta åtgärd", "Enhetschef", "Inom sex veckor"],
                  ["Sammanställa", "Kvalitetsstrateg", "Tre gånger per år"]],
        "table_after": "Utreda",
    },
    {
        "file": "Rutin avvikelsehantering 2019.pdf",
        "title": "Avvikelsehantering",
        "meta": meta("Socialchef", "2019-05-01", "2021-06-30", "Kvalitetsstrateg", "SOC 2019/044", "1.0"),
        "sections": [
            ("Bakgrund", "Alla medarbetare ska rapportera avvikelser. Rapporten lämnas på blankett till "
             "närmaste chef."),
            ("Handläggning", "Chefen utreder avvikelsen inom åtta veckor och meddelar kvalitetsstrategen. "
             "Sammanställning görs en gång per år i samband med kvalitetsberättelsen."),
            ("Relaterade dokument", "Rutin för lex Sarah."),
        ],
    },
    # --- Lex Sarah (PDF) ------------------------------------------------------------------------------
    {
        "file": "lex_sarah_rapportering_och_utredning.pdf",
        "title": "Lex Sarah – rapportering, utredning och anmälan till IVO",
        "meta": meta("Socialnämnden", "2025-02-10", "2027-02-10", "Verksamhetschef IFO", "SOC 2025/031", "2.1"),
        "sections": [
            ("Skyldighet att rapportera", "Alla som arbetar i socialtjänsten, även uppdragstagare och "
             "praktikanter, är skyldiga att genast rapportera missförhållanden och påtagliga risker för "
             "missförhållanden som rör den som får eller kan komma att få insatser. Rapporten lämnas "
             "muntligt eller skriftligt till närmaste chef, som direkt för den vidare till verksamhetschefen."),
            ("Vem utreder", "Verksamhetschefen utser en utredare som inte är inblandad i händelsen. "
             "Utredningen ska ske skyndsamt och dokumenteras: vad som hänt, vilka som berörs, vilka "
             "åtgärder som vidtagits och bedömningen av om missförhållandet är allvarligt."),
            ("Anmälan till IVO", "Bedöms missförhållandet som allvarligt anmäls det till Inspektionen för vård och "
             "omsorg. Anmälan görs av verksamhetschefen enligt delegation och skickas via IVO:s e-tjänst "
             "så snart bedömningen är gjord. Den enskilde informeras om att en anmälan har gjorts."),
            ("Handlingsplan", "Efter utredningen upprättas en handlingsplan med åtgärd, ansvarig, planerat "
             "klart-datum, uppföljning och avslut. Varje lex Sarah-utredning gås igenom på APT på den "
             "berörda enheten."),
            ("Relaterade dokument", "Rutin för avvikelsehantering. Händelseanalys enligt SKR:s modell."),
            ("Lagstöd", "Socialtjänstlagen (2025:400) 27 kap. SOSFS 2011:5."),
        ],
    },
    # --- Klagomål (Markdown) ------------------------------------------------------------------------------
    {
        "file": "klagomal-och-synpunkter.md",
        "title": "Hantering av klagomål och synpunkter i enskilda ärenden",
        "meta": meta("Verksamhetschef IFO", "2025-09-01", "2027-09-01", "Administrativ chef", "SOC 2025/210", "1.2"),
        "sections": [
            ("Vem kan lämna klagomål", "Barn, vårdnadshavare, anhöriga och samarbetspartner kan lämna "
             "klagomål eller synpunkter muntligt, skriftligt eller via e-tjänsten Tyck till."),
            ("Mottagande", "Den som tar emot ett klagomål registrerar det samma dag och lämnar det till "
             "enhetschefen. Gäller klagomålet en pågående handläggning dokumenteras det också i personakten."),
            ("Svar", "Enhetschefen kontaktar den som klagat inom en vecka och lämnar ett skriftligt svar "
             "inom tre veckor. Av svaret framgår vad som utretts och vilka åtgärder som vidtas. Den som "
             "är missnöjd med svaret informeras om möjligheten att vända sig till IVO."),
            ("Uppföljning", "Klagomål sammanställs tillsammans med avvikelserna tre gånger per år."),
            ("Relaterade dokument", "Rutin för avvikelsehantering. Lex Sarah – rapportering, utredning och "
             "anmälan till IVO."),
        ],
    },
    # --- Personuppgiftsincident (text) --------------------------------------------------------------------
    {
        "file": "personuppgiftsincident.txt",
        "title": "Rutin vid personuppgiftsincident",
        "meta": meta("Förvaltningschef", "2025-05-15", "2027-05-15", "Dataskyddssamordnare", "SOC 2025/160", "2.0"),
        "sections": [
            ("1. Vad räknas som en incident", "Varje händelse där personuppgifter av misstag förstörs, "
             "förloras, ändras eller blir tillgängliga för någon obehörig. Vanliga exempel är brev eller "
             "e-post till fel mottagare, en borttappad bärbar dator eller telefon och utskrifter som "
             "glömts i skrivaren."),
            ("2. Gör så här", "Anmäl incidenten till din chef och till dataskyddssamordnaren direkt när du "
             "upptäcker den, också om det är osäkert om det är en incident. Försök begränsa skadan, till "
             "exempel genom att be mottagaren radera e-posten. Tappad utrustning spärras via IT-servicedesk."),
            ("3. Anmälan till IMY", "Dataskyddssamordnaren bedömer risken och anmäler incidenten till "
             "Integritetsskyddsmyndigheten inom 72 timmar från upptäckten, om den inte är osannolik att "
             "leda till risk för de registrerade. Vid hög risk informeras de registrerade."),
            ("4. Dokumentation", "Alla incidenter förs in i förvaltningens incidentlogg, även de som inte "
             "anmäls till IMY."),
            ("Relaterade dokument", "Informationssäkerhetspolicy. Rutin för avvikelsehantering."),
        ],
    },
    # --- Orosanmälan (Word) ---
    {
        "file": "Mottagande av orosanmälan.docx",
        "title": "Mottagande och registrering av orosanmälan gällande barn",
        "meta": meta("Enhetschef barn och unga", "2025-01-07", "2027-01-07", "Enhetschef mottagningsgruppen",
                     "SOC 2024/402", "4.0"),
        "sections": [
            ("Inkommande anmälningar", "Orosanmälningar kommer via telefon, e-tjänst, post och ibland på plats i "
             "receptionen. Under kontorstid tar mottagningsgruppens dagsocionom emot dem; efter kontorstid "
             "tar socialjouren i Sjöviksregionen emot och för över uppgifterna nästa vardag."),
            ("Kontroller vid registrering", "Kontrollera barnets identitet i folkbokföringen och sök i "
             "verksamhetssystemet om barnet eller syskon redan är aktuella. Registrera anmälan i barnets "
             "namn samma dag. En anmälan om flera syskon registreras på varje barn."),
            ("Anmälan i pågående ärende", "Rör anmälan ett barn där utredning eller insats pågår lämnas den "
             "till ansvarig socialsekreterare. Är hen inte i tjänst tar dagsocionomen skyddsbedömningen."),
            ("Besked till anmälaren", "En anmälare som är yrkesverksam och som begär det får besked om "
             "utredning inleds, inte inleds eller redan pågår. Beskedet lämnas utan uppgifter om innehållet."),
            ("Relaterade dokument", "Omedelbar skyddsbedömning. Förhandsbedömning. Sekretess och "
             "uppgiftslämnande."),
        ],
    },
    # --- Skyddsbedömning, current (Markdown) and outdated (text) ---
    {
        "file": "skyddsbedomning_v2.md",
        "title": "Omedelbar skyddsbedömning",
        "meta": meta("Enhetschef barn och unga", "2025-06-01", "2027-06-01", "Enhetschef mottagningsgruppen",
                     "SOC 2025/190", "2"),
        "sections": [
            ("När", "När en orosanmälan kommit in ska en skyddsbedömning göras omedelbart, samma dag som "
             "anmälan tas emot. Det gäller också nya anmälningar i ärenden som redan är öppna."),
            ("Vad bedöms", "Bedömningen avser om barnet behöver skydd nu: om barnet riskerar att fara illa "
             "innan förhandsbedömningen är klar, om barnet kan gå hem efter skolan och om någon vårdnadshavare "
             "kan skydda barnet."),
            ("Dokumentation", "Skyddsbedömningen dokumenteras i barnets akt med namn och titel på den som "
             "gjort den, tidpunkt och de omständigheter som bedömningen grundas på. Behöver barnet skydd "
             "kontaktas gruppledaren direkt."),
            ("Helger och kvällar", "Utanför kontorstid gör socialjouren skyddsbedömningen."),
            ("Relaterade dokument", "Mottagande och registrering av orosanmälan. Omedelbart omhändertagande "
             "enligt 6 § LVU."),
        ],
    },
    {
        "file": "skyddsbedomning_v1.txt",
        "title": "Omedelbar skyddsbedömning",
        "meta": meta("Enhetschef barn och unga", "2020-02-01", "2022-02-01", "Enhetschef mottagningsgruppen",
                     "SOC 2020/011", "1"),
        "sections": [
            ("Tidpunkt", "Skyddsbedömning ska göras inom 24 timmar från att anmälan kom in."),
            ("Ansvar", "Den socialsekreterare som tar emot anmälan ansvarar för bedömningen och stämmer av "
             "med gruppledaren före dagens slut."),
        ],
    },
    # --- Förhandsbedömning (Markdown) ---
    {
        "file": "forhandsbedomning.md",
        "title": "Förhandsbedömning – beslut om att inleda eller inte inleda utredning",
        "meta": meta("Verksamhetschef IFO", "2025-04-01", "2027-04-01", "Enhetschef mottagningsgruppen",
                     "SOC 2025/077", "3.1"),
        "sections": [
            ("Tidsfrist", "Beslut om att inleda eller inte inleda utredning ska fattas inom 14 dagar från att "
             "anmälan kom in. Fristen får överskridas bara om det finns synnerliga skäl, och skälen ska "
             "dokumenteras i akten."),
            ("Underlag", "Förhandsbedömningen grundas på anmälan, skyddsbedömningen, uppgifter i egna register "
             "och samtal med vårdnadshavare och barn. Andra än familjen får bara kontaktas om de finns med i "
             "anmälan eller om det behövs för att bedöma skyddet."),
            ("Vem beslutar", "Beslut att inleda utredning fattas av behörig socialsekreterare. Beslut att inte "
             "inleda utredning fattas av gruppledare enligt delegationsordningen."),
            ("Våld och sexuella övergrepp", "Vid misstanke om våld eller sexuella övergrepp mot barnet inleds "
             "utredning utan dröjsmål, och en utredare deltar redan i förhandsbedömningen."),
            ("Relaterade dokument", "Omedelbar skyddsbedömning. Utredning av barns behov. Delegationsordning."),
            ("Lagstöd", "Socialtjänstlagen 11 kap. SOSFS 2014:6."),
        ],
    },
    # --- Utredning (Word) ---
    {
        "file": "Utredning av barns behov.docx",
        "title": "Utredning av barns behov av stöd och skydd",
        "meta": meta("Verksamhetschef IFO", "2024-11-01", "2026-12-31", "Enhetschef utredning barn",
                     "SOC 2024/355", "2.0"),
        "sections": [
            ("Utredningsplan", "När utredningen inleds upprättas en utredningsplan tillsammans med familjen. "
             "Planen anger vilka frågor som ska belysas enligt BBIC, vilka som ska kontaktas och när barnet "
             "ska få komma till tals."),
            ("Tid", "Utredningen ska bedrivas skyndsamt och vara klar senast inom fyra månader. Efter 80 dagar "
             "stämmer handläggaren av med gruppledaren om utredningen kommer att hinna bli klar."),
            ("Förlängd utredningstid", "Behövs mer tid föreslår handläggaren ett beslut om förlängd "
             "utredningstid. Beslutet fattas före fyramånadersgränsen, gäller en bestämd tid och ska "
             "motiveras med särskilda skäl."),
            ("Våld", "Frågor om våld ställs minst en gång under utredningen till barnet och till varje "
             "vårdnadshavare, och svaren dokumenteras."),
            ("Kommunicering och avslut", "Innan beslut fattas kommuniceras utredningen med vårdnadshavare och "
             "barn över 15 år. Utredningen avslutas med beslut om insats eller att inte vidta åtgärd."),
            ("Relaterade dokument", "Förhandsbedömning. Kommunicering och underrättelse om beslut."),
        ],
    },
    # --- LVU 6 § (PDF) ---
    {
        "file": "omedelbart_omhandertagande_lvu.pdf",
        "title": "Omedelbart omhändertagande enligt 6 § LVU",
        "meta": meta("Socialnämnden", "2025-03-20", "2027-03-20", "Enhetschef utredning barn",
                     "SOC 2025/099", "1.4"),
        "sections": [
            ("När det blir aktuellt", "Ett omedelbart omhändertagande kan beslutas när det är sannolikt att "
             "barnet behöver vård enligt LVU och rättens beslut inte kan avvaktas. Checklistan för "
             "omedelbart omhändertagande används alltid."),
            ("Beslut", "Beslutet fattas av socialnämndens ordförande eller annan ledamot som nämnden utsett. "
             "Utanför kontorstid kontaktar socialjouren jourhavande politiker."),
            ("Förvaltningsrätten", "Beslutet ska underställas förvaltningsrätten inom en vecka från den dag "
             "det fattades. Ansökan om vård enligt LVU ska ha kommit in till förvaltningsrätten inom fyra "
             "veckor från omhändertagandet, annars upphör det."),
            ("Verkställighet", "Polishandräckning begärs bara om det behövs. Barnet placeras i första hand i "
             "jourhem."),
            ("Relaterade dokument", "Umgängesbegränsning enligt 14 § LVU. Omedelbar skyddsbedömning."),
            ("Lagstöd", "Lag (1990:52) med särskilda bestämmelser om vård av unga, 6–8 §§."),
        ],
    },
    # --- LVU 14 § umgänge (text) ---
    {
        "file": "umgangesbegransning_lvu.txt",
        "title": "Umgängesbegränsning enligt 14 § LVU",
        "meta": meta("Enhetschef placering", "2024-10-01", "2026-12-31", "Enhetschef placering",
                     "SOC 2024/301", "1.1"),
        "sections": [
            ("Utgångspunkt", "Ett barn som vårdas enligt LVU har rätt till umgänge med sina föräldrar. "
             "Umgänget får begränsas endast genom ett formellt beslut enligt 14 § LVU, aldrig genom "
             "överenskommelser eller instruktioner till familjehemmet."),
            ("Beslut och omprövning", "Beslutet fattas av socialnämndens utskott och ska övervägas minst en "
             "gång var tredje månad. Beslutet kan överklagas till förvaltningsrätten."),
            ("Planering av umgänge", "Handläggaren planerar umgänget med familjehemmet eller HVB, och bedömer "
             "risken för avvikning vid umgänge och permission."),
            ("Relaterade dokument", "Omedelbart omhändertagande enligt 6 § LVU. Placering i familjehem."),
        ],
    },
    # --- Barnsamtal (Markdown) ---
    {
        "file": "barnsamtal-utan-vardnadshavare.md",
        "title": "Samtal med barn utan vårdnadshavares samtycke",
        "meta": meta("Enhetschef barn och unga", "2025-08-15", "2027-08-15", "Enhetschef utredning barn",
                     "SOC 2025/201", "1.0"),
        "sections": [
            ("När det kan bli aktuellt", "Ett barn får höras utan att vårdnadshavaren samtycker eller är "
             "närvarande, om det behövs för att utreda barnets behov av skydd. Det gäller både under "
             "förhandsbedömning och utredning."),
            ("Beslut", "Socialsekreteraren bedömer tillsammans med gruppledaren om samtalet behövs. Beslutet "
             "dokumenteras alltid i barnets akt med skälen."),
            ("Genomförande", "Samtalet hålls helst i skolan eller förskolan med en trygg vuxen i närheten. Barn "
             "från 15 år erbjuds alltid ett eget samtal. Vårdnadshavarna informeras efteråt."),
            ("Relaterade dokument", "Utredning av barns behov av stöd och skydd."),
            ("Lagstöd", "Socialtjänstlagen 11 kap. 10 §."),
        ],
    },
    # --- Polisanmälan (Word) ---
    {
        "file": "Polisanmälan vid misstanke om brott mot barn.docx",
        "title": "Ställningstagande till polisanmälan vid misstanke om brott mot barn",
        "meta": meta("Socialnämndens arbetsutskott", "2024-09-01", "2026-12-31", "Enhetschef utredning barn",
                     "SOC 2024/270", "2.2"),
        "sections": [
            ("Bedömning", "När det finns misstanke om att ett barn utsatts för misshandel, sexuella övergrepp "
             "eller annat allvarligt brott tar gruppledaren och handläggaren ställning till polisanmälan "
             "samma dag. Ställningstagandet dokumenteras även när ingen anmälan görs."),
            ("Vem anmäler", "Polisanmälan görs av enhetschefen enligt delegation. Anmälan görs skriftligt på "
             "förvaltningens blankett och skickas till polisens kontaktcenter."),
            ("Samråd", "Vid osäkerhet kan ett anonymt samråd hållas med polisen eller på Barnahus innan "
             "beslut fattas."),
            ("Relaterade dokument", "Samverkan inom Barnahus Sjöviksregionen. Sekretess och uppgiftslämnande."),
        ],
    },
    # --- Barnahus (PDF) ---
    {
        "file": "barnahus_samverkan.pdf",
        "title": "Samverkan inom Barnahus Sjöviksregionen",
        "meta": meta("Förvaltningschef", "2025-01-15", "2027-01-15", "Enhetschef utredning barn",
                     "SOC 2025/008", "1.0"),
        "sections": [
            ("Målgrupp", "Barn under 18 år som misstänks ha utsatts för våld i nära relation, sexuella "
             "övergrepp eller könsstympning, och där polisanmälan gjorts."),
            ("Samråd", "Socialtjänsten, polis, åklagare och hälso- och sjukvården håller samråd på Barnahus "
             "inom 48 timmar efter polisanmälan. Socialtjänsten deltar med handläggare och gruppledare."),
            ("Barnförhör och läkarundersökning", "Barnförhöret hålls på Barnahus av polis. Socialsekreteraren "
             "kan följa förhöret från medhörningsrum. Läkarundersökning bokas av Barnahus."),
            ("Relaterade dokument", "Ställningstagande till polisanmälan vid misstanke om brott mot barn."),
        ],
    },
    # --- Ej verkställda beslut (text) ---
    {
        "file": "ej_verkstallda_beslut.txt",
        "title": "Rapportering av ej verkställda beslut",
        "meta": meta("Socialnämnden", "2025-01-01", "2027-01-01", "Administrativ chef", "SOC 2024/450", "1.3"),
        "sections": [
            ("Vad ska rapporteras", "Ett gynnande beslut om bistånd som inte verkställts inom tre månader från "
             "beslutsdagen ska rapporteras till IVO och till kommunens revisorer. Detsamma gäller ett beslut "
             "vars verkställighet avbrutits och inte återupptagits inom tre månader."),
            ("När", "Rapporteringen görs en gång per kvartal. För kvartal fyra lämnas rapporten mellan 1 och "
             "31 januari."),
            ("Ansvar", "Handläggaren för en lista över beslut som väntar på verkställighet. Administrativ "
             "chef sammanställer och rapporterar i IVO:s e-tjänst och till socialnämnden."),
            ("Relaterade dokument", "Delegationsordning för socialnämnden."),
        ],
    },
    # --- Aktgranskning (Word) ---
    {
        "file": "Egenkontroll genom aktgranskning.docx",
        "title": "Egenkontroll genom aktgranskning",
        "meta": meta("Verksamhetschef IFO", "2025-02-01", "2027-02-01", "Kvalitetsstrateg", "SOC 2025/022", "1.5"),
        "sections": [
            ("Syfte", "Aktgranskningen kontrollerar att handläggning och dokumentation följer lagar, föreskrifter "
             "och egna rutiner, och ger underlag för förbättringar."),
            ("Urval och granskare", "Varje år granskas ett slumpmässigt urval av akter per enhet. Granskningen "
             "görs av handläggare från en annan enhet, parvis, med förvaltningens kontrollfrågor."),
            ("Tidplan", "Granskningen görs i oktober under cirka två veckor. Enheterna analyserar resultatet "
             "inom de följande två veckorna och resultatet redovisas för ledningsgruppen i december."),
            ("Åtgärder", "Brister som upptäcks leder till förbättringsåtgärder som förs in i enhetens "
             "verksamhetsplan och följs upp vid nästa granskning."),
            ("Relaterade dokument", "Kontrollfrågor för aktgranskning. Mall för analys."),
        ],
        "table": [["Månad", "Moment"], ["September", "Urval av akter"], ["Oktober", "Granskning och analys"],
                  ["December", "Redovisning för ledningsgruppen"]],
        "table_after": "Tidplan",
    },
    # --- Ärendegenomgång (Markdown) ---
    {
        "file": "arendegenomgang-med-gruppledare.md",
        "title": "Ärendegenomgång med gruppledare",
        "meta": meta("Enhetschef barn och unga", "2025-03-01", "2027-03-01", "Enhetschef barn och unga",
                     "SOC 2025/050", "1.0"),
        "sections": [
            ("Hur ofta", "Varje handläggare har en enskild ärendegenomgång med sin gruppledare en gång i "
             "månaden. Vid behov, till exempel vid hög arbetsbelastning eller svåra ärenden, oftare."),
            ("Innehåll", "Genomgången går igenom varje ärende: tidsfrister, utredningsplaner, planerade "
             "uppföljningar och ärenden som stått stilla. Mallen för ärendegenomgång används."),
            ("Dokumentation", "Gruppledaren för anteckningar om beslutade åtgärder i mallen; anteckningarna "
             "är arbetsmaterial och förs inte in i akterna."),
            ("Relaterade dokument", "Fördelning av ärenden. Utredning av barns behov."),
        ],
    },
    # --- Fördelning av ärenden (PDF) ---
    {
        "file": "fordelning_av_arenden.pdf",
        "title": "Fördelning och omfördelning av ärenden",
        "meta": meta("Enhetschef barn och unga", "2024-08-01", "2026-12-31", "Enhetschef barn och unga",
                     "SOC 2024/233", "2.0"),
        "sections": [
            ("Fördelningsmöte", "Gruppledaren fördelar nya ärenden en gång i veckan på fördelningsmötet. "
             "Brådskande ärenden fördelas samma dag."),
            ("Ärendevikt", "Varje ärende färgmarkeras grön, gul eller röd efter hur tungt det är. Ingen "
             "handläggare ska ha fler röda ärenden än gruppledaren bedömt rimligt."),
            ("Omfördelning", "Ärenden omfördelas vid hög arbetsbelastning, jäv eller när en handläggare "
             "slutar. Den som lämnar ärendet skriver en överlämningsanteckning."),
            ("Relaterade dokument", "Frånvaro hos handläggare. Ärendegenomgång med gruppledare."),
        ],
    },
    # --- Frånvaro (Markdown) ---
    {
        "file": "franvaro-handlaggare.md",
        "title": "När handläggaren är frånvarande",
        "meta": meta("Enhetschef barn och unga", "2025-10-01", "2027-10-01", "Enhetschef barn och unga",
                     "SOC 2025/240", "1.0"),
        "sections": [
            ("Planerad frånvaro", "Vid semester och annan planerad ledighet skriver handläggaren en "
             "överlämning för varje ärende med frister under ledigheten och lämnar den till gruppledaren."),
            ("Oplanerad frånvaro", "Vid sjukdom går gruppledaren igenom handläggarens ärenden första dagen och "
             "fördelar det som inte kan vänta. Inkommande anmälningar i öppna ärenden tas av "
             "dagberedskapen, två socialsekreterare som turas om varje vecka."),
            ("Relaterade dokument", "Fördelning och omfördelning av ärenden."),
        ],
    },
    # --- Introduktion (Word) ---
    {
        "file": "Introduktion av nyanställda socialsekreterare.docx",
        "title": "Introduktion av nyanställda socialsekreterare",
        "meta": meta("Verksamhetschef IFO", "2025-05-01", "2027-05-01", "HR-partner IFO", "SOC 2025/140", "1.1"),
        "sections": [
            ("Första veckorna", "Den nyanställda får en fadder bland de erfarna kollegorna och ett schema för "
             "de första fyra veckorna. Enhetschefen går igenom checklistan för introduktion."),
            ("Innehåll", "Introduktionen omfattar verksamhetssystemet, delegationsordningen, BBIC, sekretess "
             "och dokumentation, samt auskultation hos mottagningsgruppen och familjehemsgruppen."),
            ("Kompetenstrappa", "Förvaltningen har en kompetenstrappa i fyra steg: student, nyutexaminerad, "
             "självständig och specialist. Nyanställda placeras på rätt steg och får en plan för utbildning."),
            ("Uppföljning", "Enhetschefen följer upp introduktionen efter en och sex månader."),
        ],
    },
    # --- Delegation (text) ---
    {
        "file": "delegationsordning_ifo.txt",
        "title": "Delegationsordning för socialnämnden – individ- och familjeomsorg",
        "meta": meta("Socialnämnden", "2025-01-01", "2026-12-31", "Nämndsekreterare", "SOC 2024/420", "5.0"),
        "sections": [
            ("Allmänt", "Delegationsordningen anger vem som får fatta beslut på nämndens vägnar. Beslut som "
             "fattats med stöd av delegation anmäls till nämnden månadsvis."),
            ("Vidaredelegering", "Förvaltningschefen får vidaredelegera beslutanderätt. Vidaredelegering ska "
             "göras skriftligt och anmälas till nämnden; muntliga eller tillfälliga förlängningar via e-post "
             "är inte giltiga."),
            ("Ärenden som nämnden själv beslutar", "Beslut om placering för stadigvarande vård och fostran i "
             "ett annat hem än det egna fattas av nämnden, liksom ansökan om vård enligt LVU."),
            ("Ersättare", "Vid förhinder för delegaten beslutar närmaste chef."),
        ],
    },
    # --- Placering familjehem (PDF) ---
    {
        "file": "placering_i_familjehem.pdf",
        "title": "Placering av barn i familjehem",
        "meta": meta("Verksamhetschef IFO", "2024-12-01", "2026-12-31", "Enhetschef placering", "SOC 2024/380", "2.3"),
        "sections": [
            ("Innan placering", "Ett nätverksmöte hålls när en placering planeras, så att släkt och nätverk "
             "kan prövas som familjehem. Familjehemmet ska vara utrett och godkänt av nämnden."),
            ("Hälsoundersökning", "Barnet erbjuds en hälsoundersökning i samband med placeringen. Handläggaren "
             "skickar en begäran till barnhälsovården eller regionens hälsomottagning och informerar "
             "vårdnadshavarna."),
            ("Vårdplan och genomförandeplan", "En vårdplan upprättas före placeringen och en genomförandeplan "
             "senast en månad efter."),
            ("Övervägande och besök", "Vården övervägs minst var sjätte månad. Barnets socialsekreterare "
             "besöker barnet regelbundet och samtalar enskilt med barnet."),
            ("Relaterade dokument", "Vårdnadsöverflyttning. Umgängesbegränsning enligt 14 § LVU."),
        ],
    },
    # --- Vårdnadsöverflyttning (Markdown) ---
    {
        "file": "vardnadsoverflyttning.md",
        "title": "Överväganden om vårdnadsöverflyttning",
        "meta": meta("Enhetschef placering", "2025-07-01", "2027-07-01", "Enhetschef placering", "SOC 2025/180", "1.0"),
        "sections": [
            ("När", "När ett barn har varit placerat i samma familjehem i två år ska nämnden särskilt överväga "
             "om det finns skäl att ansöka om att vårdnaden flyttas över till familjehemsföräldrarna."),
            ("Underlag", "Handläggaren utreder barnets anknytning till familjehemmet, barnets inställning och "
             "familjehemmets vilja och förmåga att bli vårdnadshavare."),
            ("Ansökan", "Beslutar nämnden att ansöka, skickas ansökan till tingsrätten."),
            ("Lagstöd", "Föräldrabalken 6 kap. 8 §. Lagändringen 2022 (lex lilla hjärtat)."),
        ],
    },
    # --- Samarbetssamtal (Word) ---
    {
        "file": "Samarbetssamtal familjerätten.docx",
        "title": "Samarbetssamtal vid familjerätten",
        "meta": meta("Enhetschef familjerätt", "2025-03-15", "2027-03-15", "Enhetschef familjerätt",
                     "SOC 2025/088", "1.2"),
        "sections": [
            ("Målgrupp", "Föräldrar som är oense om vårdnad, boende eller umgänge och vill nå en "
             "överenskommelse utan domstol."),
            ("Tider", "Föräldrarna erbjuds ett första samtal inom tre veckor från att de ansökt. Samtalen är "
             "frivilliga och kostnadsfria."),
            ("Överenskommelse", "Föräldrarna kan skriva avtal om vårdnad, boende och umgänge, som familjerätten "
             "godkänner om avtalet är till barnets bästa."),
            ("Våld och missbruk", "Samarbetssamtal erbjuds inte gemensamt när det förekommer våld mellan "
             "föräldrarna."),
        ],
    },
    # --- SIP (text) ---
    {
        "file": "sip_samordnad_individuell_plan.txt",
        "title": "Samordnad individuell plan (SIP)",
        "meta": meta("Förvaltningschef", "2024-06-01", "2026-12-31", "Enhetschef öppenvård", "SOC 2024/190", "1.0"),
        "sections": [
            ("När", "En SIP upprättas när ett barn eller en vuxen behöver insatser från både socialtjänsten och "
             "regionen, till exempel BUP eller habiliteringen, och samordning behövs."),
            ("Kallelse", "Den huvudman som först ser behovet kallar till SIP-möte. Den enskilde eller "
             "vårdnadshavaren ska samtycka."),
            ("Planen", "Av planen framgår vilka insatser som ges, vem som ansvarar för vad och vem som har "
             "huvudansvaret. Planen följs upp på datum som bestäms på mötet."),
        ],
    },
    # --- Riskanalys (PDF) ---
    {
        "file": "riskanalys_ifo.pdf",
        "title": "Riskanalys i verksamheten",
        "meta": meta("Verksamhetschef IFO", "2025-02-15", "2027-02-15", "Kvalitetsstrateg", "SOC 2025/030", "1.0"),
        "sections": [
            ("Hur ofta", "Varje enhet gör en riskanalys minst en gång per år, och alltid innan en "
             "organisationsförändring."),
            ("Metod", "Risker identifieras ur den enskildes, personalens och verksamhetens perspektiv. "
             "Sannolikhet gånger konsekvens ger ett riskvärde, och de högsta riskerna förs in i "
             "internkontrollplanen."),
            ("Ansvar", "Enhetschefen leder arbetet tillsammans med medarbetarna och kvalitetsstrategen."),
        ],
    },
    # --- Brukarundersökning (Markdown) ---
    {
        "file": "brukarundersokning.md",
        "title": "Brukarundersökning inom IFO",
        "meta": meta("Verksamhetschef IFO", "2025-08-01", "2027-08-01", "Kvalitetsstrateg", "SOC 2025/195", "1.0"),
        "sections": [
            ("När", "Undersökningen görs varje höst under tre veckor, inte under skolloven. Öppenvården "
             "använder dessutom en enkät när insatsen avslutas."),
            ("Familjehem", "Familjehemmen tillfrågas en gång per år om stöd och handledning."),
            ("Resultat", "Resultaten redovisas i kvalitetsberättelsen och i öppna jämförelser."),
        ],
    },
    # --- VINR (Word) ---
    {
        "file": "Våld i nära relationer.docx",
        "title": "Handläggning vid våld i nära relationer",
        "meta": meta("Socialnämnden", "2024-05-01", "2026-12-31", "Enhetschef vuxen", "SOC 2024/140", "2.0"),
        "sections": [
            ("Fråga om våld", "Alla handläggare ställer frågor om våld i nya ärenden och i utredningar, även "
             "när det inte är anledningen till kontakten."),
            ("Bedömning", "Risken för fortsatt våld bedöms med FREDA-kortfrågor och FREDA-farlighetsbedömning. "
             "Vid hedersrelaterat våld används PATRIARK."),
            ("Skyddat boende", "Den som behöver skydd kan erbjudas skyddat boende. Barn som följer med en "
             "förälder till skyddat boende ska ha en egen bedömning av sina behov."),
            ("Barn som bevittnat våld", "Ett barn som bevittnat våld är brottsoffer; en orosanmälan görs och "
             "barnets behov utreds."),
            ("Relaterade dokument", "Samverkan inom Barnahus Sjöviksregionen. Polisanmälan."),
        ],
    },
    # --- Kommunicering och beslut (Word) ---
    {
        "file": "Kommunicering och underrättelse om beslut.docx",
        "title": "Kommunicering, underrättelse om beslut och överklagande",
        "meta": meta("Verksamhetschef IFO", "2025-04-15", "2027-04-15", "Enhetschef utredning barn",
                     "SOC 2025/100", "1.3"),
        "sections": [
            ("Kommunicering", "Innan ett ärende avgörs ska parten få ta del av det som tillförts ärendet och "
             "få tillfälle att yttra sig, normalt inom tio dagar."),
            ("Underrättelse", "Parten underrättas om beslutet skriftligt. Vid avslag eller delvis avslag "
             "bifogas en besvärshänvisning."),
            ("Överklagande", "Ett överklagande ska ha kommit in till förvaltningen inom tre veckor från att "
             "parten fick del av beslutet. Handläggaren prövar om det kommit in i rätt tid och om beslutet "
             "ska ändras, och skickar det annars till förvaltningsrätten."),
        ],
    },
    # --- Dokumentation (text) ---
    {
        "file": "dokumentation_i_personakt.txt",
        "title": "Dokumentation i personakt",
        "meta": meta("Verksamhetschef IFO", "2024-09-15", "2026-12-31", "Kvalitetsstrateg", "SOC 2024/280", "2.0"),
        "sections": [
            ("Journalanteckningar", "Händelser av betydelse antecknas utan onödigt dröjsmål, senast inom en "
             "vecka. Anteckningen ska vara saklig och skilja på fakta och bedömningar."),
            ("Inkomna handlingar", "Handlingar som kommer in registreras och skannas in i personakten samma "
             "dag eller nästa arbetsdag."),
            ("Den enskildes rätt", "Den enskilde ska informeras om vad som dokumenteras och har rätt att få "
             "en anteckning om att hen anser att något är felaktigt."),
            ("Lagstöd", "SOSFS 2014:5 om dokumentation i verksamhet som bedrivs med stöd av SoL, LVU, LVM och "
             "LSS."),
        ],
    },
    # --- Sekretess (PDF) ---
    {
        "file": "sekretess_och_uppgiftslamnande.pdf",
        "title": "Sekretess och uppgiftslämnande till andra myndigheter",
        "meta": meta("Förvaltningschef", "2025-06-10", "2027-06-10", "Förvaltningsjurist", "SOC 2025/170", "1.2"),
        "sections": [
            ("Huvudregel", "Uppgifter om enskildas personliga förhållanden är sekretessbelagda inom "
             "socialtjänsten. Uppgifter lämnas ut bara med samtycke eller när en sekretessbrytande "
             "bestämmelse gäller."),
            ("Till polisen", "Uppgifter om misstänkta brott mot barn under 18 år kan lämnas till polisen. "
             "Vid begäran om uppgifter från polisen prövas varje begäran för sig av enhetschefen."),
            ("Till skola och hälso- och sjukvård", "Utan samtycke lämnas uppgifter till skolan endast när det "
             "behövs för att skydda barnet. Samtycke dokumenteras i akten."),
            ("Relaterade dokument", "Rutin vid personuppgiftsincident."),
            ("Lagstöd", "Offentlighets- och sekretesslagen 26 kap."),
        ],
    },
    # --- Ensamkommande (Markdown) ---
    {
        "file": "ensamkommande-barn.md",
        "title": "Handläggning av ensamkommande barn",
        "meta": meta("Enhetschef placering", "2024-04-01", "2026-12-31", "Enhetschef placering",
                     "SOC 2024/110", "1.4"),
        "sections": [
            ("Anvisning", "När Migrationsverket anvisar ett barn till kommunen inleds utredning samma dag och "
             "barnet placeras i jourhem eller HVB."),
            ("God man", "Handläggaren ansöker hos överförmyndaren om god man för barnet."),
            ("Efter 18 år", "Unga som fyllt 18 och går i gymnasiet kan beviljas fortsatt placering till 21 "
             "års ålder."),
        ],
    },
    # --- Öppenvård (Word) ---
    {
        "file": "Insatser i öppenvården.docx",
        "title": "Genomförande och uppföljning av insatser i öppenvården",
        "meta": meta("Enhetschef öppenvård", "2025-05-20", "2027-05-20", "Enhetschef öppenvård",
                     "SOC 2025/150", "1.1"),
        "sections": [
            ("Uppdrag", "Öppenvården får uppdraget från handläggaren skriftligt, med mål formulerade enligt "
             "SMART. En genomförandeplan upprättas med familjen inom tre veckor."),
            ("När föräldrar uteblir", "Uteblir föräldrarna från träffar, arbetar de inte mot målen eller verkar "
             "insatsen inte nå fram, meddelar behandlaren handläggaren samma vecka."),
            ("Uppföljning", "Insatsen följs upp med handläggaren och familjen minst var tredje månad. Vid "
             "avslut skriver behandlaren en slutanteckning."),
        ],
    },
    # --- Råd och service (text) ---
    {
        "file": "rad_och_service.txt",
        "title": "Råd och service utan biståndsbeslut",
        "meta": meta("Enhetschef öppenvård", "2025-01-20", "2027-01-20", "Enhetschef öppenvård",
                     "SOC 2025/012", "1.0"),
        "sections": [
            ("Omfattning", "Familjer kan få råd och stöd i öppenvården utan utredning och beslut, högst fem "
             "samtal."),
            ("Dokumentation", "En kort anteckning förs om kontakten men ingen personakt upprättas."),
            ("Vidare", "Behövs mer än fem samtal hänvisas familjen till att ansöka om bistånd."),
        ],
    },
    # --- Kvalitetsberättelse (Markdown) ---
    {
        "file": "kvalitetsberattelse.md",
        "title": "Kvalitetsberättelse – årlig sammanställning",
        "meta": meta("Verksamhetschef IFO", "2025-01-10", "2027-01-10", "Kvalitetsstrateg", "SOC 2025/004", "1.0"),
        "sections": [
            ("Innehåll", "Kvalitetsberättelsen beskriver hur det systematiska kvalitetsarbetet har bedrivits "
             "under föregående kalenderår: avvikelser, klagomål, lex Sarah, egenkontroll och riskanalyser."),
            ("Tidplan", "Enheternas underlag lämnas senast 15 februari och kvalitetsberättelsen fastställs av "
             "nämnden i mars."),
        ],
    },
    # --- Drogtest lex lilla hjärtat (PDF) ---
    {
        "file": "drogtest_vardnadshavare.pdf",
        "title": "Drogtest av vårdnadshavare inför upphörande av vård",
        "meta": meta("Enhetschef placering", "2025-09-01", "2027-09-01", "Enhetschef placering",
                     "SOC 2025/205", "1.0"),
        "sections": [
            ("När", "Innan nämnden prövar om vård enligt 2 § LVU ska upphöra, och det finns känt missbruk hos "
             "vårdnadshavaren, kan vårdnadshavaren erbjudas att lämna drogtest."),
            ("Genomförande", "Testerna tas av beroendemottagningen på remiss från handläggaren. Resultatet "
             "dokumenteras i barnets akt."),
            ("Lagstöd", "LVU 21 § i lydelse från 2022."),
        ],
    },
    # --- Ungdomsbrottslighet (text) ---
    {
        "file": "unga_lagovertradare.txt",
        "title": "Handläggning av ärenden om unga lagöverträdare",
        "meta": meta("Enhetschef ungdom", "2024-11-15", "2026-12-31", "Enhetschef ungdom", "SOC 2024/360", "1.2"),
        "sections": [
            ("Särskilt utsedd handläggare", "Ärenden där barn eller unga misstänks för brott fördelas till de "
             "särskilt utsedda handläggarna på ungdomsgruppen."),
            ("Yttrande till åklagare", "Begär åklagaren ett yttrande ska det lämnas inom den tid som åklagaren "
             "anger, normalt två veckor."),
            ("SSPF", "Skola, socialtjänst, polis och fritid samverkar kring unga i riskzonen enligt "
             "SSPF-modellen; samtycke från vårdnadshavare krävs."),
        ],
    },
    # --- Distractors from other departments ---
    {
        "file": "Fallprevention särskilt boende.docx",
        "title": "Fallprevention på särskilt boende för äldre",
        "meta": meta("Verksamhetschef äldreomsorg", "2025-03-01", "2027-03-01", "MAS", "ÄO 2025/041", "2.0"),
        "sections": [
            ("Riskbedömning", "Alla boende får en fallriskbedömning vid inflyttning och därefter var sjätte månad."),
            ("Efter ett fall", "Personalen kontrollerar den boende, kontaktar sjuksköterskan och skriver en "
             "avvikelse i vårdens avvikelsesystem samma arbetspass."),
            ("Åtgärder", "Arbetsterapeuten föreslår hjälpmedel och sjuksköterskan ser över läkemedel som ökar "
             "fallrisken."),
        ],
    },
    {
        "file": "lakemedelshantering_hemtjanst.pdf",
        "title": "Läkemedelshantering i hemtjänsten",
        "meta": meta("Verksamhetschef äldreomsorg", "2024-10-01", "2026-12-31", "MAS", "ÄO 2024/200", "3.1"),
        "sections": [
            ("Delegering", "Undersköterskor får ge läkemedel endast efter skriftlig delegering från "
             "legitimerad sjuksköterska. Delegeringen gäller högst ett år."),
            ("Signering", "Varje överlämnat läkemedel signeras på signeringslistan."),
            ("Avvikelse", "Ett missat eller felaktigt givet läkemedel rapporteras till sjuksköterskan direkt."),
        ],
    },
    {
        "file": "parkering_personal.pdf",
        "title": "Parkering för personal och tjänstebilar",
        "meta": meta("Fastighetschef", "2025-01-01", "2027-01-01", "Fastighetschef", "KS 2024/900", "1.0"),
        "sections": [
            ("Parkeringstillstånd", "Personal kan ansöka om parkeringstillstånd i garaget under kommunhuset. "
             "Tillståndet kostar 300 kronor i månaden och dras på lönen."),
            ("Tjänstebilar", "Tjänstebilar bokas i bokningssystemet och parkeras på de märkta platserna. "
             "Körjournal förs för varje resa."),
            ("Felparkering", "Fordon som står på tjänstebilsplatserna utan tillstånd kan bötfällas."),
        ],
    },
    {
        "file": "it-konto-och-losenord.md",
        "title": "IT-konto, lösenord och tvåfaktorsinloggning",
        "meta": meta("IT-chef", "2025-04-01", "2027-04-01", "IT-servicedesk", "KS 2025/310", "1.3"),
        "sections": [
            ("Lösenord", "Lösenordet ska ha minst 14 tecken och bytas om du misstänker att någon annan känner "
             "till det."),
            ("Tvåfaktorsinloggning", "Inloggning till verksamhetssystemet kräver en kod i "
             "autentiseringsappen i tjänstemobilen."),
            ("Ny telefon", "Byter du tjänstemobil flyttar IT-servicedesk över autentiseringsappen; boka tid i "
             "självserviceportalen."),
        ],
    },
    {
        "file": "attest_av_fakturor.txt",
        "title": "Attest av fakturor och leverantörsreskontra",
        "meta": meta("Ekonomichef", "2025-01-01", "2027-01-01", "Redovisningsansvarig", "KS 2024/880", "2.0"),
        "sections": [
            ("Attesträtt", "Fakturor attesteras av den som har attesträtt för ansvaret enligt "
             "attestförteckningen. Ingen får attestera en faktura som rör sig själv."),
            ("Tider", "Fakturor ska vara attesterade senast fem dagar före förfallodagen."),
        ],
    },
    {
        "file": "Friskvårdsbidrag.docx",
        "title": "Friskvårdsbidrag för anställda",
        "meta": meta("HR-chef", "2025-01-01", "2026-12-31", "HR-avdelningen", "KS 2024/870", "1.0"),
        "sections": [
            ("Belopp", "Tillsvidareanställda kan få friskvårdsbidrag med upp till 2 500 kronor per år."),
            ("Så ansöker du", "Ladda upp kvittot i självserviceportalen senast 31 december samma år."),
        ],
    },
    {
        "file": "nycklar_och_passerkort.txt",
        "title": "Nycklar och passerkort",
        "meta": meta("Fastighetschef", "2024-06-01", "2026-12-31", "Reception kommunhuset", "KS 2024/500", "1.0"),
        "sections": [
            ("Utlämning", "Passerkort beställs av chefen och hämtas i receptionen mot legitimation."),
            ("Borttappat kort", "Ett borttappat passerkort spärras genom att ringa receptionen; utanför "
             "kontorstid väktarbolaget."),
        ],
    },
]
