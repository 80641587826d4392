"""Makes the fonts embedded in the cloudgram binary, for PNG output without
system fonts. Needs fontTools (`pip install fonttools`):

    python3 assets/fonts/subset.py latin  /usr/share/fonts/truetype/liberation2
    python3 assets/fonts/subset.py hangul /usr/share/fonts/truetype/nanum

- `latin`: CloudgramSans-{Regular,Bold}.ttf, Liberation Sans 2 cut down to
  Latin-1, punctuation and arrows, renamed (the OFL reserves the name
  "Liberation" for the original). Licence: OFL.txt.
- `hangul`: CloudgramSansKR-{Regular,Bold}.ttf, NanumGothic (Debian's
  `fonts-nanum`) cut down to the 2 350 Hangul syllables of KS X 1001, the
  Hangul compatibility jamo, CJK punctuation and the full-width forms,
  renamed (the OFL reserves "Nanum" and "NanumGothic"). Licence: OFL.txt.

The result is the same for the same input fonts and fontTools version.
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTFont

LATIN = (
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x100))
    + [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194, 0x2212]
)


def ks_x_1001_hangul():
    """The 2 350 precomposed syllables of KS X 1001 (EUC-KR rows 0xB0-0xC8)."""
    out = []
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            out.append(ord(bytes([lead, trail]).decode("euc_kr")))
    assert len(out) == 2350, len(out)
    return out


HANGUL = (
    ks_x_1001_hangul()
    + list(range(0x3131, 0x318F))  # Hangul compatibility jamo
    + list(range(0x3000, 0x3040))  # CJK symbols and punctuation
    + list(range(0xFF01, 0xFF61)) + list(range(0xFFE0, 0xFFE7))  # full-width forms
)

JOBS = {
    # job: (source file of each style, unicodes, family, description, reserved names)
    "latin": (
        {"Regular": "LiberationSans-Regular.ttf", "Bold": "LiberationSans-Bold.ttf"},
        LATIN,
        "Cloudgram Sans",
        "Latin subset of an OFL-1.1 font, made for cloudgram (see OFL.txt)",
        ["Liberation", "Arimo"],
    ),
    "hangul": (
        {"Regular": "NanumGothic.ttf", "Bold": "NanumGothicBold.ttf"},
        HANGUL,
        "Cloudgram Sans KR",
        "Hangul subset of NanumGothic (OFL-1.1), made for cloudgram (see OFL.txt)",
        ["Nanum", "나눔"],
    ),
}


def make(job, src):
    files, unicodes, family, description, reserved = JOBS[job]
    stem = family.replace(" ", "")
    for style, file in files.items():
        font = TTFont(f"{src}/{file}", recalcTimestamp=False)
        options = subset.Options()
        options.layout_features = ["kern", "liga"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.hinting = False
        options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]
        sub = subset.Subsetter(options)
        sub.populate(unicodes=unicodes)
        sub.subset(font)
        names = font["name"]
        for rec in list(names.names):
            if rec.nameID in (1, 16):
                rec.string = family
            elif rec.nameID in (2, 17):
                rec.string = style
            elif rec.nameID == 3:
                rec.string = f"cloudgram: {family} {style}"
            elif rec.nameID == 4:
                rec.string = family + ("" if style == "Regular" else " Bold")
            elif rec.nameID == 6:
                rec.string = f"{stem}-{style}"
            elif rec.nameID == 10:
                rec.string = description
            elif rec.nameID in (18, 21, 22):
                names.removeNames(nameID=rec.nameID)
        for rec in names.names:
            s = rec.toUnicode()
            if rec.nameID not in (0, 7, 13, 14) and any(r in s for r in reserved):
                raise SystemExit(f"reserved name left in name ID {rec.nameID}: {s}")
        font.save(f"{stem}-{style}.ttf")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in JOBS:
        raise SystemExit(__doc__)
    make(sys.argv[1], sys.argv[2])
