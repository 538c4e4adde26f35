"""Statistics and reports for kvalitetsenheten, chefer and the nämnd.

Reads storage rows of every domain (never a sibling domain's services), computes aggregates with pure
functions (`figures`), suppresses small numbers (`suppression`) and renders the result as CSV, Excel,
Word or PNG (`render_*`, charts in `charts`). Nothing here shows case content: counts, shares and days only.
"""
