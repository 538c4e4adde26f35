"""The demo organisation extended (for tests only) with a second verksamhetsområde and a deeper level.

    BOF (vc.karin) ─ MOTT (ec.maria) ─ MOTTA "Mottagningsteam A" (no chef; hl.deep)
                   └ UTR1 (ec.jonas)
    VUX (vc.olle)  ─ VUX1 (ec.stina; hl.vux)
    KVAL (vc.karin; kv.petra)
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.demo.seed import DEMO_ORG

EXTRA_UNITS = [
    {"kod": "MOTTA", "namn": "Mottagningsteam A", "överordnad": "MOTT"},
    {"kod": "VUX", "namn": "Verksamhetsområde vuxen", "chef": "vc.olle"},
    {"kod": "VUX1", "namn": "Vuxenenheten", "överordnad": "VUX", "chef": "ec.stina"},
]
EXTRA_PEOPLE = [
    {"id": "vc.olle", "namn": "Olle Vuxen", "epost": "olle.vuxen@demo.lotsen.se", "slack": "U0TESTVC02",
     "enhet": "VUX", "roller": ["verksamhetschef"]},
    {"id": "ec.stina", "namn": "Stina Vuxen", "epost": "stina.vuxen@demo.lotsen.se", "slack": "U0TESTEC03",
     "enhet": "VUX1", "roller": ["enhetschef"]},
    {"id": "hl.vux", "namn": "Vera Vuxen", "epost": "vera.vuxen@demo.lotsen.se", "slack": "U0TESTHL03",
     "enhet": "VUX1", "roller": ["handläggare"]},
    {"id": "hl.deep", "namn": "Dana Team", "epost": "dana.team@demo.lotsen.se", "slack": "U0TESTHL04",
     "enhet": "MOTTA", "roller": ["handläggare"]},
]


def write_two_areas(directory: Path) -> Path:
    data = yaml.safe_load(DEMO_ORG.read_text(encoding="utf-8"))
    data["enheter"] = [*data["enheter"], *EXTRA_UNITS]
    data["personer"] = [*data["personer"], *EXTRA_PEOPLE]
    path = directory / "two_areas.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
