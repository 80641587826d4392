"""Makes CloudgramSans-{Regular,Bold}.ttf: Liberation Sans 2 cut down to Latin-1,
punctuation and arrows, renamed (the OFL reserves the name "Liberation" for the
original), for embedding in the cloudgram binary. Needs fontTools:

    python3 assets/fonts/subset.py /usr/share/fonts/truetype/liberation2
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTFont

UNICODES = (
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x100))
    + [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194, 0x2212]
)

src = sys.argv[1]
for style in ["Regular", "Bold"]:
    font = TTFont(f"{src}/LiberationSans-{style}.ttf")
    options = subset.Options()
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=UNICODES)
    sub.subset(font)
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 16):
            rec.string = "Cloudgram Sans"
        elif rec.nameID in (2, 17):
            rec.string = style
        elif rec.nameID == 3:
            rec.string = f"cloudgram: Cloudgram Sans {style}"
        elif rec.nameID == 4:
            rec.string = "Cloudgram Sans" + ("" if style == "Regular" else " Bold")
        elif rec.nameID == 6:
            rec.string = f"CloudgramSans-{style}"
        elif rec.nameID == 10:
            rec.string = "Latin subset of an OFL-1.1 font, made for cloudgram (see OFL.txt)"
        elif rec.nameID in (18, 21, 22):
            names.removeNames(nameID=rec.nameID)
    for rec in names.names:
        s = rec.toUnicode()
        if rec.nameID not in (0, 7, 13, 14) and ("Liberation" in s or "Arimo" in s):
            raise SystemExit(f"reserved name left in name ID {rec.nameID}: {s}")
    font.save(f"CloudgramSans-{style}.ttf")
