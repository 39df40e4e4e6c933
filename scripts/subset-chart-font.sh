#!/bin/sh
# Makes assets/fonts/NotoSansSC-Bold-chart-subset.otf: Noto Sans SC Bold (SIL OFL 1.1) cut down
# to the characters listed in `GLYPHS` in src/texts/charts.rs, so the charts' font stays small.
# Needs fontTools (Debian: python3-fonttools) and Noto Sans CJK (Debian: fonts-noto-cjk).
# Run it again after adding a character to GLYPHS.
set -eu
cd "$(dirname "$0")/.."
SOURCE=${SOURCE:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}
GLYPHS=$(/usr/bin/python3 - <<'PY'
import re
text = open("src/texts/charts.rs", encoding="utf-8").read()
block = text.split("pub const GLYPHS: &str = concat!(", 1)[1].split(");", 1)[0]
print("".join(re.findall(r'"([^"]*)"', block)))
PY
)
# In the collection, font number 2 is Noto Sans CJK SC.
/usr/bin/python3 -m fontTools.subset "$SOURCE" --font-number=2 --text="$GLYPHS" \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='*' --name-legacy \
  --output-file=assets/fonts/NotoSansSC-Bold-chart-subset.otf
ls -l assets/fonts/NotoSansSC-Bold-chart-subset.otf
