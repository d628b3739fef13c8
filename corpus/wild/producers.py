"""The producers of the wide corpus and the truth each document gets.

Every producer turns one person (people.py) into a document with a tool from a package registry. Its truth comes
from the same person data plus what the producer's layout is by construction (`layout`), and the section kinds
the template can print (`supports`). The split (tuning or sealed) is a fixed assignment here: tune only on the
tuning half; the sealed half is measured, never tuned on.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import traceback

import people as people_mod

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS_PER_PRODUCER = 5
NB_HYPHEN = {"\u2011": "-"}
ASCII_DASHES = {"\u2011": "-", "\u2013": "-", "\u2014": "-"}
ALL_KINDS = {"summary", "experience", "education", "skills", "projects", "certifications", "publications", "awards",
             "volunteering", "languages", "interests"}


class Producer:
    def __init__(self, name, kind, split, render, ext="pdf", layout=(), supports=ALL_KINDS, charset=None,
                 source=None, note="", person_layout=None, print_map=None):
        self.name, self.kind, self.split, self.render, self.ext = name, kind, split, render, ext
        self.layout, self.supports, self.charset = list(layout), set(supports), charset
        self.source, self.note = source, note
        self.person_layout = person_layout
        # Characters the producer prints as something else (its fonts or input lack them): the truth follows.
        self.print_map = print_map if print_map is not None else (NB_HYPHEN if kind in ("latex", "groff") else {})


# ---------------------------------------------------------------------------------------------------------------
# One neutral model of a résumé body, mapped by each template onto its own markup.

def blocks(p):
    """[(kind, heading, items)] in print order; items are dicts with type entry | para | skill | item."""
    out = []
    for kind, heading in p["sections"]:
        items = []
        if kind == "summary":
            items.append(dict(type="para", text=p["summary"]))
        elif kind == "experience":
            for j in p["jobs"]:
                items.append(dict(type="entry", title=j["title"], org=j["company"], where=j["location"],
                                  dates=j["dates"], bullets=j["bullets"], start=j["start_iso"], end=j["end_iso"]))
        elif kind == "education":
            for e in p["education"]:
                items.append(dict(type="entry", title=e["degree"], org=e["school"], where=e["location"],
                                  dates=e["dates"], bullets=[], start=e["start_iso"], end=e["end_iso"]))
        elif kind == "skills":
            for label, xs in p["skills"]:
                items.append(dict(type="skill", label=label, items=xs))
        elif kind == "projects":
            for pr in p["projects"]:
                items.append(dict(type="item", text=pr["name"], dates=pr["dates"]))
        elif kind == "certifications":
            for c in p["certifications"]:
                items.append(dict(type="item", text=c["name"], dates=c["year"]))
        elif kind == "publications":
            for x in p["publications"]:
                items.append(dict(type="item", text=x, dates=""))
        elif kind == "awards":
            for x in p["awards"]:
                items.append(dict(type="item", text=x, dates=""))
        elif kind == "volunteering":
            for v in p["volunteering"]:
                items.append(dict(type="entry", title=v["role"], org=v["org"], where="", dates=v["dates"],
                                  bullets=[v["text"]]))
        elif kind == "languages":
            items.append(dict(type="para", text=", ".join(p["languages"])))
        elif kind == "interests":
            items.append(dict(type="para", text=", ".join(p["interests"])))
        out.append((kind, heading, items))
    return out


def contact_parts(p):
    return [p["email"], p["phone"], p["city"], p["link"]]


# ---------------------------------------------------------------------------------------------------------------
# LaTeX

TEX_ESC = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
           "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\u2011": "-"}


def tex(s):
    return "".join(TEX_ESC.get(c, c) for c in s)


def tex_itemize(bullets):
    if not bullets:
        return ""
    return "\\begin{itemize}" + "".join(f"\\item {tex(b)}" for b in bullets) + "\\end{itemize}"


def tex_preamble(engine, extra=""):
    if engine == "pdflatex":
        return "\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n" + extra
    return "\\usepackage{fontspec}\n" + extra


def moderncv(style, engine, icons, hyphenate=True, timeline=False):
    """`timeline`: jobs and schools as moderntimeline's \\tlcventry, a bar per entry in the date column with the
    start year above it and the end year below (nothing for a job held now)."""
    def years(it):
        start, end = it.get("start") or "", it.get("end") or ""
        if not start[:4].isdigit() or (end and not end[:4].isdigit()):
            return None
        return int(start[:4]), int(end[:4]) if end else 0

    def render(p, path):
        lines = ["\\documentclass[11pt,a4paper,sans]{moderncv}", f"\\moderncvstyle{{{style}}}",
                 "\\moderncvcolor{blue}", tex_preamble(engine), "\\usepackage[scale=0.8]{geometry}"]
        if not hyphenate:
            # A hyphen TeX adds inside an e-mail address in a narrow column cannot be told from one in it.
            lines.append("\\usepackage[none]{hyphenat}")
        if icons:
            lines.append(f"\\moderncvicons{{{icons}}}")
        if timeline:
            spans = [y for _, _, items in blocks(p) for it in items if it["type"] == "entry" and (y := years(it))]
            first = min((a for a, _ in spans), default=2000)
            last = max([b for _, b in spans] + [a for a, _ in spans] + [2025])
            lines += ["\\usepackage{moderntimeline}", f"\\tlmaxdates{{{first}}}{{{last + 1}}}"]
        lines += [f"\\name{{{tex(p['first'])}}}{{{tex(p['last'])}}}", f"\\title{{{tex(p['label'])}}}",
                  f"\\address{{{tex(p['city'])}}}{{}}{{}}", f"\\phone[mobile]{{{tex(p['phone'])}}}",
                  f"\\email{{{p['email']}}}", f"\\homepage{{{p['link']}}}", "\\begin{document}", "\\makecvtitle"]
        for kind, heading, items in blocks(p):
            lines.append(f"\\section{{{tex(heading)}}}")
            for it in items:
                if it["type"] == "entry" and timeline and years(it):
                    start, end = years(it)
                    lines.append(f"\\tlcventry{{{start}}}{{{end}}}{{{tex(it['title'])}}}{{{tex(it['org'])}}}"
                                 f"{{{tex(it['where'])}}}{{}}{{{tex_itemize(it['bullets'])}}}")
                elif it["type"] == "entry":
                    lines.append(f"\\cventry{{{tex(it['dates'])}}}{{{tex(it['title'])}}}{{{tex(it['org'])}}}"
                                 f"{{{tex(it['where'])}}}{{}}{{{tex_itemize(it['bullets'])}}}")
                elif it["type"] == "skill":
                    lines.append(f"\\cvitem{{{tex(it['label'])}}}{{{tex(', '.join(it['items']))}}}")
                elif it["type"] == "item":
                    lines.append(f"\\cvitem{{{tex(it['dates'])}}}{{{tex(it['text'])}}}")
                else:
                    lines.append(f"\\cvitem{{}}{{{tex(it['text'])}}}")
        lines.append("\\end{document}")
        latex(engine, "\n".join(lines), path)
    return render


def currvita(p, path):
    lines = ["\\documentclass[11pt,a4paper]{article}", tex_preamble("pdflatex"),
             "\\usepackage[NoDate]{currvita}", "\\usepackage[margin=2.2cm]{geometry}",
             "\\begin{document}", f"\\begin{{cv}}{{{tex(p['name'])}}}",
             f"\\begin{{cvlist}}{{}}\\item {tex(p['email'])} \\quad {tex(p['phone'])} \\quad {tex(p['city'])}"
             "\\end{cvlist}"]
    for kind, heading, items in blocks(p):
        lines.append(f"\\begin{{cvlist}}{{{tex(heading)}}}")
        for it in items:
            if it["type"] == "entry":
                where = f", {tex(it['where'])}" if it["where"] else ""
                lines.append(f"\\item[{tex(it['dates'])}] \\textbf{{{tex(it['title'])}}}, {tex(it['org'])}{where}"
                             + tex_itemize(it["bullets"]))
            elif it["type"] == "skill":
                lines.append(f"\\item[{tex(it['label'])}] {tex(', '.join(it['items']))}")
            elif it["type"] == "item":
                lines.append(f"\\item[{tex(it['dates'])}] {tex(it['text'])}")
            else:
                lines.append(f"\\item {tex(it['text'])}")
        lines.append("\\end{cvlist}")
    lines += ["\\end{cv}", "\\end{document}"]
    latex("pdflatex", "\n".join(lines), path)


def curve(p, path):
    work = tempfile.mkdtemp(prefix="curve-")
    main = ["\\documentclass[a4paper,11pt]{curve}", tex_preamble("pdflatex"), "\\usepackage[margin=2cm]{geometry}",
            f"\\leftheader{{{tex(p['email'])}\\\\{tex(p['phone'])}}}",
            f"\\rightheader{{{tex(p['city'])}\\\\{tex(p['link'])}}}",
            f"\\title{{{tex(p['name'])}}}", f"\\subtitle{{{tex(p['label'])}}}", "\\date{}",
            "\\begin{document}", "\\makeheaders[c]", "\\maketitle"]
    for n, (kind, heading, items) in enumerate(blocks(p)):
        body = [f"\\begin{{rubric}}{{{tex(heading)}}}"]
        for it in items:
            if it["type"] == "entry":
                where = f", {tex(it['where'])}" if it["where"] else ""
                body.append(f"\\entry*[{tex(it['dates'])}] \\textbf{{{tex(it['title'])}}}, {tex(it['org'])}{where}")
                for b in it["bullets"]:
                    body.append(f"\\entry* \\textbullet\\ {tex(b)}")
            elif it["type"] == "skill":
                body.append(f"\\entry*[{tex(it['label'])}] {tex(', '.join(it['items']))}")
            elif it["type"] == "item":
                body.append(f"\\entry*[{tex(it['dates'])}] {tex(it['text'])}")
            else:
                body.append(f"\\entry* {tex(it['text'])}")
        body.append("\\end{rubric}")
        with open(os.path.join(work, f"rubric{n}.tex"), "w", encoding="utf-8") as f:
            f.write("\n".join(body))
        main.append(f"\\makerubric{{rubric{n}}}")
    main.append("\\end{document}")
    latex("pdflatex", "\n".join(main), path, workdir=work)


def article(engine, justify_tight=False):
    """A plain article résumé: bold rules under headings, right-aligned dates with \\hfill, itemize bullets."""
    def render(p, path):
        extra = "\\usepackage[margin=1.8cm]{geometry}\n\\usepackage{enumitem}\n\\setlist{nosep,leftmargin=1.2em}\n"
        extra += "\\pagestyle{empty}\n\\setlength{\\parindent}{0pt}\n"
        if justify_tight:
            extra += "\\usepackage{microtype}\n\\linespread{0.95}\n"
        lines = ["\\documentclass[10pt,letterpaper]{article}", tex_preamble(engine, extra), "\\begin{document}"]
        if p["name_style"] == "two-size" and p["last"]:
            lines.append(f"{{\\huge\\bfseries {tex(p['first'])}}} {{\\LARGE {tex(p['last'])}}}\\\\[4pt]")
        else:
            lines.append(f"{{\\LARGE\\bfseries {tex(p['name'])}}}\\\\[4pt]")
        lines.append(" \\textbar{} ".join(tex(x) for x in contact_parts(p)) + "\\\\[6pt]")
        for kind, heading, items in blocks(p):
            lines.append(f"\\medskip{{\\large\\bfseries {tex(heading)}}}\\\\[-6pt]\\rule{{\\linewidth}}{{0.4pt}}\\\\")
            for it in items:
                if it["type"] == "entry":
                    if p["date_style"] == "right":
                        lines.append(f"\\textbf{{{tex(it['title'])}}}, {tex(it['org'])} \\hfill {tex(it['dates'])}\\\\")
                    else:
                        lines.append(f"\\textbf{{{tex(it['title'])}}}, {tex(it['org'])}, {tex(it['dates'])}\\\\")
                    if it["bullets"]:
                        lines.append(tex_itemize(it["bullets"]))
                    lines.append("\\smallskip")
                elif it["type"] == "skill":
                    lines.append(f"\\textbf{{{tex(it['label'])}:}} {tex(', '.join(it['items']))}\\\\")
                elif it["type"] == "item":
                    d = f" \\hfill {tex(it['dates'])}" if it["dates"] else ""
                    lines.append(f"{tex(it['text'])}{d}\\\\")
                else:
                    lines.append(f"{tex(it['text'])}\\par")
        lines.append("\\end{document}")
        latex(engine, "\n".join(lines), path)
    return render


def paracol_sidebar(engine):
    """A real two-column page: contact, skills and languages in a narrow left column beside the main column."""
    def render(p, path):
        extra = ("\\usepackage[margin=1.5cm]{geometry}\n\\usepackage{paracol}\n\\usepackage{enumitem}\n"
                 "\\setlist{nosep,leftmargin=1em}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0pt}\n"
                 "\\setcolumnwidth{0.3\\textwidth,0.64\\textwidth}\n")
        side_kinds = {"skills", "languages", "interests", "certifications", "awards"}
        lines = ["\\documentclass[10pt,a4paper]{article}", tex_preamble(engine, extra), "\\begin{document}",
                 "\\begin{paracol}{2}",
                 f"{{\\Large\\bfseries {tex(p['name'])}}}\\par\\medskip",
                 "\\\\".join(tex(x) for x in contact_parts(p)) + "\\par\\bigskip"]
        main = []
        side = []
        for kind, heading, items in blocks(p):
            (side if kind in side_kinds else main).append((heading, items))
        for heading, items in side:
            lines.append(f"{{\\bfseries {tex(heading)}}}\\par\\smallskip")
            for it in items:
                if it["type"] == "skill":
                    lines.append(f"\\textit{{{tex(it['label'])}}}\\\\" + "\\\\".join(tex(x) for x in it["items"])
                                 + "\\par\\smallskip")
                else:
                    lines.append(f"{tex(it['text'])}\\par")
            lines.append("\\bigskip")
        lines.append("\\switchcolumn")
        for heading, items in main:
            lines.append(f"{{\\large\\bfseries {tex(heading)}}}\\par\\smallskip")
            for it in items:
                if it["type"] == "entry":
                    lines.append(f"\\textbf{{{tex(it['title'])}}} \\hfill {tex(it['dates'])}\\\\{tex(it['org'])}"
                                 + (f", {tex(it['where'])}" if it["where"] else "") + "\\par")
                    if it["bullets"]:
                        lines.append(tex_itemize(it["bullets"]))
                    lines.append("\\smallskip")
                elif it["type"] == "item":
                    lines.append(f"{tex(it['text'])}" + (f" ({tex(it['dates'])})" if it["dates"] else "") + "\\par")
                else:
                    lines.append(f"{tex(it['text'])}\\par")
            lines.append("\\medskip")
        lines += ["\\end{paracol}", "\\end{document}"]
        latex(engine, "\n".join(lines), path)
    return render


def latex(engine, source, path, workdir=None):
    work = workdir or tempfile.mkdtemp(prefix="tex-")
    with open(os.path.join(work, "cv.tex"), "w", encoding="utf-8") as f:
        f.write(source)
    for _ in range(2):  # second pass settles page references (moderncv's last page, paracol)
        r = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "cv.tex"], cwd=work,
                           capture_output=True, timeout=180)
    if r.returncode != 0 or not os.path.exists(os.path.join(work, "cv.pdf")):
        log = r.stdout.decode("utf-8", "replace")
        raise RuntimeError(f"{engine} failed: " + "\n".join(l for l in log.splitlines() if l.startswith("!"))[:400])
    shutil.copy(os.path.join(work, "cv.pdf"), path)
    shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# Markdown -> pandoc -> HTML (+ CSS) -> a printer

def markdown(p, sidebar=False, skill_cards=False):
    """Pandoc markdown; dates in [..]{.date} spans so a stylesheet can put them flush right."""
    def md(s):
        return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", s)

    def section(heading, items):
        out = [f"## {md(heading)}", ""]
        if skill_cards and items and all(it["type"] == "skill" for it in items):
            out.append(":::: cards")
            for it in items:
                out += ["::: card", f"**{md(it['label'])}**", ""] + [f"- {md(x)}" for x in it["items"]] + [":::", ""]
            return out + ["::::", ""]
        for it in items:
            if it["type"] == "entry":
                where = f", {md(it['where'])}" if it["where"] else ""
                out += [f"### {md(it['title'])}, {md(it['org'])}{where} [{md(it['dates'])}]{{.date}}", ""]
                out += [f"- {md(b)}" for b in it["bullets"]] + [""]
            elif it["type"] == "skill":
                out += [f"**{md(it['label'])}:** {md(', '.join(it['items']))}", ""]
            elif it["type"] == "item":
                d = f" [{md(it['dates'])}]{{.date}}" if it["dates"] else ""
                out += [f"- {md(it['text'])}{d}"]
            else:
                out += [md(it["text"]), ""]
        return out + [""]

    name = md(p["name"])
    if p["name_style"] == "two-size" and p["last"]:
        name = f"[{md(p['first'])}]{{.first}} [{md(p['last'])}]{{.last}}"
    head = [f"# {name} {{.name}}", "", f"::: contact", " · ".join(md(x) for x in contact_parts(p)), ":::", ""]
    if not sidebar:
        lines = head
        for kind, heading, items in blocks(p):
            lines += section(heading, items)
        return "\n".join(lines)
    side_kinds = {"skills", "languages", "interests", "certifications", "awards"}
    side = [":::: sidebar", f"# {md(p['name'])} {{.name}}", ""]
    side += [f"{md(x)}\\" for x in contact_parts(p)[:-1]] + [md(contact_parts(p)[-1]), ""]
    main = [":::: main"]
    for kind, heading, items in blocks(p):
        (side if kind in side_kinds else main).extend(section(heading, items))
    return "\n".join([":::::: page", *side, "::::", *main, "::::", "::::::"])


CSS = {
    "classic": """
@page { size: Letter; margin: 0.7in; }
body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; line-height: 1.3; max-width: none; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 2pt 0; }
.contact { margin-bottom: 10pt; }
h2 { font-size: 12.5pt; text-transform: uppercase; border-bottom: 1px solid #444; margin: 12pt 0 4pt 0; }
h3 { font-size: 10.5pt; margin: 6pt 0 2pt 0; }
.date { font-weight: normal; font-style: italic; }
ul { margin: 2pt 0 4pt 0; padding-left: 1.3em; }
p { margin: 2pt 0; }
.first { font-size: 26pt; } .last { font-size: 18pt; font-weight: normal; }
""",
    "rightdates": """
@page { size: A4; margin: 16mm 18mm; }
body { font-family: 'Liberation Sans', sans-serif; font-size: 10pt; line-height: 1.3; margin: 0; }
h1 { font-size: 24pt; margin: 0; letter-spacing: 0.02em; }
.contact { color: #333; margin: 2pt 0 8pt 0; }
h2 { font-size: 11pt; color: #1a4d80; margin: 12pt 0 3pt 0; letter-spacing: 0.06em; }
h3 { font-size: 10pt; margin: 6pt 0 1pt 0; }
.date { float: right; font-weight: normal; }
ul { margin: 1pt 0 3pt 0; padding-left: 1.2em; }
p { margin: 2pt 0; }
.first { font-size: 28pt; } .last { font-size: 20pt; }
""",
    "grid-sidebar": """
@page { size: A4; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.3; margin: 0; }
header#title-block-header { display: none; }
.page { display: grid; grid-template-columns: 33% 1fr; column-gap: 7mm; }
.sidebar { background: #eef2f6; padding: 4mm; }
.sidebar h1 { font-size: 17pt; margin: 0 0 6pt 0; }
h2 { font-size: 11pt; text-transform: uppercase; margin: 10pt 0 3pt 0; color: #234; }
h3 { font-size: 10pt; margin: 5pt 0 1pt 0; }
.date { display: block; font-weight: normal; font-style: italic; }
ul { margin: 1pt 0 3pt 0; padding-left: 1.1em; }
p { margin: 2pt 0; }
""",
    "float-sidebar": """
@page { size: A4; margin: 12mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; line-height: 1.3; margin: 0; }
header#title-block-header { display: none; }
.sidebar { float: left; width: 30%; }
.main { margin-left: 35%; }
.sidebar h1 { font-size: 17pt; margin: 0 0 6pt 0; }
h2 { font-size: 11pt; text-transform: uppercase; margin: 10pt 0 3pt 0; }
h3 { font-size: 10pt; margin: 5pt 0 1pt 0; }
.date { display: block; font-weight: normal; font-style: italic; }
ul { margin: 1pt 0 3pt 0; padding-left: 1.1em; }
p { margin: 2pt 0; }
""",
}
CSS["skill-cards"] = CSS["rightdates"] + """
.cards { display: grid; grid-template-columns: repeat(3, 1fr); column-gap: 6mm; margin: 2pt 0 6pt 0; }
.card { border: 1px solid #9ab; border-radius: 4px; padding: 3pt 6pt; }
.card ul { list-style: none; padding-left: 0; }
"""
LETTER_SPACED = "h1.name { letter-spacing: 0.35em; text-transform: uppercase; font-weight: 300; }\n"


# wkhtmltopdf's old WebKit prints a CSS point at about 0.78 pt: zoom back so that no text falls under 8 pt.
WKHTML_ZOOM = "html { zoom: 1.28; }\n"


def pandoc_html(p, work, css, sidebar=False, extra_css=""):
    md_path = os.path.join(work, "cv.md")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown(p, sidebar=sidebar, skill_cards=css == "skill-cards"))
    style = CSS[css] + (LETTER_SPACED if p["name_style"] == "letter-spaced" else "") + extra_css
    css_path = os.path.join(work, "style.css")
    with open(css_path, "w", encoding="utf-8") as f:
        f.write(style)
    html_path = os.path.join(work, "cv.html")
    subprocess.run(["pandoc", md_path, "-f", "markdown", "-t", "html5", "-s", "--css", "style.css",
                    "--metadata", f"pagetitle={p['name']}", "-o", html_path], check=True, cwd=work)
    return html_path


def chromium_pdf(html_path, path):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--run-all-compositor-stages-before-draw", f"--print-to-pdf={path}", "file://" + html_path],
                   check=True, capture_output=True, timeout=120)
    if not os.path.exists(path):
        raise RuntimeError("chromium wrote no PDF")


def pandoc_chromium(css, sidebar=False):
    def render(p, path):
        work = tempfile.mkdtemp(prefix="md-")
        chromium_pdf(pandoc_html(p, work, css, sidebar), path)
        shutil.rmtree(work, ignore_errors=True)
    return render


def pandoc_weasyprint(css, sidebar=False):
    def render(p, path):
        import weasyprint
        work = tempfile.mkdtemp(prefix="md-")
        weasyprint.HTML(filename=pandoc_html(p, work, css, sidebar)).write_pdf(path)
        shutil.rmtree(work, ignore_errors=True)
    return render


def pandoc_wkhtmltopdf(css, sidebar=False):
    def render(p, path):
        work = tempfile.mkdtemp(prefix="md-")
        html_path = pandoc_html(p, work, css, sidebar, extra_css=WKHTML_ZOOM)
        subprocess.run(["wkhtmltopdf", "--quiet", "--enable-local-file-access", "-s", "A4", html_path, path],
                       check=True, capture_output=True, timeout=120)
        shutil.rmtree(work, ignore_errors=True)
    return render


def pandoc_docx(p, path):
    work = tempfile.mkdtemp(prefix="md-")
    md_path = os.path.join(work, "cv.md")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown(p))
    subprocess.run(["pandoc", md_path, "-f", "markdown", "-t", "docx", "-o", path], check=True, cwd=work)
    shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# JSON Resume themes (npm) rendered with node, printed by headless Chromium

def json_resume(p, profiles=False):
    kinds = {k for k, _ in p["sections"]}
    basics = dict(name=p["name"], label=p["label"], email=p["email"], phone=p["phone"],
                  url="https://" + p["link"], location=dict(city=p["city"]), profiles=[])
    if profiles:
        user = p["link"].rstrip("/").rsplit("/", 1)[-1]
        basics["profiles"] = [dict(network="LinkedIn", username=user, url="https://" + p["link"]),
                              dict(network="GitHub", username=user, url=f"https://github.com/{user}")]
    if "summary" in kinds:
        basics["summary"] = p["summary"]
    r = dict(basics=basics)
    # "company" is the field's name in the JSON Resume schema before 1.0, which some themes still read.
    r["work"] = [dict(name=j["company"], company=j["company"], position=j["title"], location=j["location"],
                      startDate=j["start_iso"], **({"endDate": j["end_iso"]} if j["end_iso"] else {}),
                      highlights=j["bullets"])
                 for j in p["jobs"]]
    r["education"] = [dict(institution=e["school"], area=e["degree"].split(" ", 1)[1],
                           studyType=e["degree"].split(" ", 1)[0], startDate=e["start_iso"], endDate=e["end_iso"])
                      for e in p["education"]]
    r["skills"] = [dict(name=g, keywords=xs) for g, xs in p["skills"]]
    if "projects" in kinds:
        r["projects"] = [dict(name=x["name"], description=x["name"], startDate=x["dates"]) for x in p["projects"]]
    if "certifications" in kinds:
        r["certificates"] = [dict(name=c["name"], date=c["year"], issuer="") for c in p["certifications"]]
    if "publications" in kinds:
        r["publications"] = [dict(name=x, publisher="", releaseDate="2021") for x in p["publications"]]
    if "awards" in kinds:
        r["awards"] = [dict(title=x, date="2023", awarder="") for x in p["awards"]]
    if "volunteering" in kinds:
        r["volunteer"] = [dict(organization=v["org"], position=v["role"], startDate="2020-01", endDate="2024-06",
                               summary=v["text"]) for v in p["volunteering"]]
    if "languages" in kinds:
        r["languages"] = [dict(language=x.split(" (")[0], fluency=x.split(" (")[1].rstrip(")"))
                          for x in p["languages"]]
    if "interests" in kinds:
        r["interests"] = [dict(name=x) for x in p["interests"]]
    return r


# An ES module beside node_modules, so that themes published as CommonJS or as ES modules both load by name.
NODE_RENDER = """
import fs from 'node:fs';
const mod = await import(process.argv[2]);
const theme = mod.render ? mod : mod.default;
const resume = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
fs.writeFileSync(process.argv[4], await theme.render(resume));
"""


def jsonresume(theme, profiles=False, hide_images=False, omit=()):
    """`omit` leaves sections out of the JSON (a theme that stops on a section it cannot print). `profiles` lists the person's link as LinkedIn and GitHub profiles too, as many users fill them in.
    `hide_images` hides <img> elements: themes that show an avatar fetch it from the web, and offline Chromium
    would print the broken image's alt text (a duplicate name, "64x64") as words of the page."""
    def render(p, path):
        work = tempfile.mkdtemp(prefix="jr-")
        node_dir = os.path.join(HERE, "out", "node")
        with open(os.path.join(work, "resume.json"), "w", encoding="utf-8") as f:
            resume = json_resume(p, profiles=profiles)
            for key in omit:
                resume.pop(key, None)
            json.dump(resume, f, ensure_ascii=False)
        script = os.path.join(node_dir, "render-theme.mjs")
        with open(script, "w") as f:
            f.write(NODE_RENDER)
        html_path = os.path.join(work, "cv.html")
        subprocess.run(["node", script, f"jsonresume-theme-{theme}",
                        os.path.join(work, "resume.json"), html_path], check=True, capture_output=True, timeout=60,
                       cwd=node_dir)
        if hide_images:
            with open(html_path, encoding="utf-8") as f:
                page = f.read()
            with open(html_path, "w", encoding="utf-8") as f:
                f.write(page.replace("</head>", "<style>img{display:none !important}</style></head>", 1))
        chromium_pdf(html_path, path)
        shutil.rmtree(work, ignore_errors=True)
    return render


# ---------------------------------------------------------------------------------------------------------------
# ReportLab and fpdf2: pages drawn line by line

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
LIB_SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
LIB_SERIF_BOLD = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"


class Flow:
    """A minimal line-by-line page writer over a ReportLab canvas (one column of width w starting at x)."""

    def __init__(self, canvas, x, w, top, bottom, page_h):
        self.c, self.x, self.w, self.top, self.bottom, self.y = canvas, x, w, top, bottom, top
        self.page_h = page_h

    def need(self, h):
        if self.y - h < self.bottom:
            self.c.showPage()
            self.y = self.top

    def text(self, s, font, size, indent=0, right=None, lead=1.3, bullet=False):
        from reportlab.pdfbase.pdfmetrics import stringWidth
        words = s.split()
        width = self.w - indent - (stringWidth(right, font, size) + 12 if right else 0)
        lines, cur = [], ""
        for wd in words:
            t = (cur + " " + wd).strip()
            if stringWidth(t, font, size) > width and cur:
                lines.append(cur)
                cur = wd
            else:
                cur = t
        lines.append(cur)
        for n, line in enumerate(lines):
            self.need(size * lead)
            self.y -= size * lead
            self.c.setFont(font, size)
            if bullet and n == 0:
                self.c.drawString(self.x + indent - 9, self.y, "•")
            self.c.drawString(self.x + indent, self.y, line)
            if right and n == 0:
                self.c.drawRightString(self.x + self.w, self.y, right)

    def gap(self, h):
        self.y -= h


def _rl_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if "LSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LSerif", LIB_SERIF))
        pdfmetrics.registerFont(TTFont("LSerif-Bold", LIB_SERIF_BOLD))
        pdfmetrics.registerFont(TTFont("DVSans", DEJAVU))
        pdfmetrics.registerFont(TTFont("DVSans-Bold", DEJAVU_BOLD))


def _rl_name(c, p, x, y, font):
    if p["name_style"] == "two-size" and p["last"]:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        c.setFont(font, 26)
        c.drawString(x, y, p["first"])
        c.setFont(font, 17)
        c.drawString(x + stringWidth(p["first"] + " ", font, 26), y, p["last"])
    elif p["name_style"] == "letter-spaced":
        c.saveState()
        t = c.beginText(x, y)
        t.setFont(font, 20)
        t.setCharSpace(5)
        t.textOut(p["name"].upper())
        c.drawText(t)
        c.restoreState()
    else:
        c.setFont(font, 22)
        c.drawString(x, y, p["name"])


def _rl_body(f, p, sections, font, bold, right_dates):
    for kind, heading, items in sections:
        f.gap(8)
        f.text(heading.upper(), bold, 11.5)
        f.c.setLineWidth(0.6)
        f.c.line(f.x, f.y - 3, f.x + f.w, f.y - 3)
        f.gap(3)
        for it in items:
            if it["type"] == "entry":
                head = f"{it['title']}, {it['org']}" + (f", {it['where']}" if it["where"] else "")
                if right_dates:
                    f.text(head, bold, 10, right=it["dates"])
                else:
                    f.text(f"{head} ({it['dates']})", bold, 10)
                for b in it["bullets"]:
                    f.text(b, font, 10, indent=14, bullet=True)
                f.gap(3)
            elif it["type"] == "skill":
                f.text(f"{it['label']}: {', '.join(it['items'])}", font, 10)
            elif it["type"] == "item":
                f.text(it["text"], font, 10, right=it["dates"] or None)
            else:
                f.text(it["text"], font, 10)


def reportlab_plain(p, path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    _rl_fonts()
    c = canvas.Canvas(path, pagesize=A4)
    c.setTitle(p["name"])
    w, h = A4
    _rl_name(c, p, 56, h - 70, "LSerif-Bold")
    c.setFont("LSerif", 10)
    c.drawString(56, h - 88, "  |  ".join(contact_parts(p)))
    f = Flow(c, 56, w - 112, h - 96, 56, h)
    _rl_body(f, p, blocks(p), "LSerif", "LSerif-Bold", p["date_style"] == "right")
    c.save()


def reportlab_sidebar(p, path):
    """A shaded left sidebar (contact, skills, languages) beside a main column; contact repeats on no page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    _rl_fonts()
    c = canvas.Canvas(path, pagesize=A4)
    c.setTitle(p["name"])
    w, h = A4
    side_w = 170
    side_kinds = {"skills", "languages", "interests"}
    c.setFillColorRGB(0.92, 0.94, 0.97)
    c.rect(0, 0, side_w, h, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    side = Flow(c, 24, side_w - 40, h - 40, 40, h)
    side.text(p["name"], "DVSans-Bold", 15)
    side.gap(6)
    for x in contact_parts(p):
        side.text(x, "DVSans", 8.5)
    for kind, heading, items in blocks(p):
        if kind not in side_kinds:
            continue
        side.gap(10)
        side.text(heading.upper(), "DVSans-Bold", 10)
        for it in items:
            if it["type"] == "skill":
                side.text(it["label"], "DVSans-Bold", 8.5)
                for x in it["items"]:
                    side.text(x, "DVSans", 8.5)
            else:
                for x in it["text"].split(", "):
                    side.text(x, "DVSans", 8.5)
    main = Flow(c, side_w + 24, w - side_w - 48, h - 40, 48, h)

    def on_new_page():
        c.setFillColorRGB(0.92, 0.94, 0.97)
        c.rect(0, 0, side_w, h, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)

    orig_need = main.need

    def need(hh):
        before = main.y
        orig_need(hh)
        if main.y > before:
            on_new_page()
    main.need = need
    _rl_body(main, p, [b for b in blocks(p) if b[0] not in side_kinds], "DVSans", "DVSans-Bold", True)
    c.save()


def fpdf_plain(p, path):
    from fpdf import FPDF
    pdf = FPDF(format="letter")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_font("DejaVu", "", DEJAVU)
    pdf.add_font("DejaVu", "B", DEJAVU_BOLD)
    pdf.add_page()
    if p["name_style"] == "two-size" and p["last"]:
        pdf.set_font("DejaVu", "B", 24)
        pdf.write(11, p["first"] + " ")
        pdf.set_font("DejaVu", "", 16)
        pdf.write(11, p["last"])
        pdf.ln(12)
    elif p["name_style"] == "letter-spaced":
        pdf.set_font("DejaVu", "B", 18)
        pdf.set_char_spacing(4)
        pdf.cell(0, 10, p["name"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_char_spacing(0)
    else:
        pdf.set_font("DejaVu", "B", 20)
        pdf.cell(0, 10, p["name"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9.5)
    pdf.cell(0, 6, " · ".join(contact_parts(p)), new_x="LMARGIN", new_y="NEXT")
    for kind, heading, items in blocks(p):
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11.5)
        pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1)
        for it in items:
            if it["type"] == "entry":
                pdf.set_font("DejaVu", "B", 10)
                head = f"{it['title']} — {it['org']}" + (f", {it['where']}" if it["where"] else "")
                if p["date_style"] == "right" and pdf.get_string_width(head) < pdf.epw - 47:
                    pdf.cell(pdf.epw - 45, 5.5, head)
                    pdf.set_font("DejaVu", "", 10)
                    pdf.cell(45, 5.5, it["dates"], align="R", new_x="LMARGIN", new_y="NEXT")
                else:
                    pdf.multi_cell(0, 5.5, f"{head}, {it['dates']}", new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("DejaVu", "", 10)
                for b in it["bullets"]:
                    pdf.set_x(pdf.l_margin + 4)
                    pdf.multi_cell(0, 5, "• " + b, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
            elif it["type"] == "skill":
                pdf.set_font("DejaVu", "", 10)
                pdf.multi_cell(0, 5, f"{it['label']}: {', '.join(it['items'])}", new_x="LMARGIN", new_y="NEXT")
            elif it["type"] == "item":
                pdf.set_font("DejaVu", "", 10)
                pdf.multi_cell(0, 5, it["text"] + (f" ({it['dates']})" if it["dates"] else ""),
                               new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("DejaVu", "", 10)
                pdf.multi_cell(0, 5, it["text"], new_x="LMARGIN", new_y="NEXT")
    pdf.output(path)


# ---------------------------------------------------------------------------------------------------------------
# groff -ms

def groff_ms(p, path):
    def g(s):
        s = s.replace("\\", "\\e").replace("\u2011", "-")
        return s if not s.startswith((".", "'")) else "\\&" + s
    out = [".nr PS 10", ".nr VS 12", ".nr HM 0.6i", ".nr FM 0.6i", ".nr PO 0.8i", ".nr LL 6.9i", ".ds CH",
           ".LP", ".ps 20", ".B \"" + g(p["name"]) + "\"", ".ps 10", ".br", g("  |  ".join(contact_parts(p)))]
    for kind, heading, items in blocks(p):
        out += [".SH", g(heading)]
        for it in items:
            if it["type"] == "entry":
                where = f", {it['where']}" if it["where"] else ""
                out += [".LP", f".B \"{g(it['title'])}\"", g(f", {it['org']}{where}, {it['dates']}")]
                for b in it["bullets"]:
                    out += [".IP \\(bu 2", g(b)]
            elif it["type"] == "skill":
                out += [".LP", f".B \"{g(it['label'])}:\"", g(", ".join(it["items"]))]
            elif it["type"] == "item":
                out += [".IP \\(bu 2", g(it["text"] + (f" ({it['dates']})" if it["dates"] else ""))]
            else:
                out += [".LP", g(it["text"])]
    r = subprocess.run(["groff", "-k", "-ms", "-Tpdf", "-P-pletter"], input="\n".join(out).encode("utf-8"),
                       capture_output=True, timeout=60)
    if r.returncode != 0 or not r.stdout.startswith(b"%PDF"):
        raise RuntimeError("groff failed: " + r.stderr.decode("utf-8", "replace")[:300])
    with open(path, "wb") as f:
        f.write(r.stdout)


# ---------------------------------------------------------------------------------------------------------------
# Typst (the compiler shipped in the `typst` PyPI package)

def ty(s):
    return re.sub(r"([\\#\[\]*_`$<>@~/=+\-\"])", r"\\\1", s)


def typst_doc(sidebar):
    def render(p, path):
        import typst
        src = ['#set page(paper: "a4", margin: (x: 1.6cm, y: 1.5cm))', '#set text(size: 10pt, lang: "en")',
               '#set par(justify: false)',
               '#show heading.where(level: 2): it => block(above: 10pt, below: 4pt)['
               '#text(size: 11.5pt, weight: "bold")[#it.body] #v(-6pt) #line(length: 100%, stroke: 0.5pt)]']
        if p["name_style"] == "two-size" and p["last"]:
            name = f'#text(size: 24pt, weight: "bold")[{ty(p["first"])}] #text(size: 16pt)[{ty(p["last"])}]'
        elif p["name_style"] == "letter-spaced":
            name = f'#text(size: 18pt, tracking: 4pt)[{ty(p["name"].upper())}]'
        else:
            name = f'#text(size: 22pt, weight: "bold")[{ty(p["name"])}]'

        def body(sections):
            out = []
            for kind, heading, items in sections:
                out.append(f"== {ty(heading)}")
                for it in items:
                    if it["type"] == "entry":
                        where = f", {ty(it['where'])}" if it["where"] else ""
                        out.append(f"*{ty(it['title'])}*, {ty(it['org'])}{where} #h(1fr) {ty(it['dates'])}")
                        out += [f"- {ty(b)}" for b in it["bullets"]]
                        out.append("")
                    elif it["type"] == "skill":
                        out.append(f"*{ty(it['label'])}:* {ty(', '.join(it['items']))}\n")
                    elif it["type"] == "item":
                        d = f" #h(1fr) {ty(it['dates'])}" if it["dates"] else ""
                        out.append(f"{ty(it['text'])}{d}\n")
                    else:
                        out.append(ty(it["text"]) + "\n")
            return "\n".join(out)

        contact = " | ".join(ty(x) for x in contact_parts(p))
        if not sidebar:
            src += [name, "", contact, "", body(blocks(p))]
        else:
            side_kinds = {"skills", "languages", "interests", "certifications", "awards"}
            side_items = []
            for kind, heading, items in blocks(p):
                if kind in side_kinds:
                    side_items.append(f"== {ty(heading)}")
                    for it in items:
                        if it["type"] == "skill":
                            side_items.append(f"*{ty(it['label'])}* \\")
                            side_items += [f"{ty(x)} \\" for x in it["items"]]
                            side_items.append("")
                        else:
                            side_items.append(ty(it["text"]) + "\n")
            side = "\n".join([f'#text(size: 16pt, weight: "bold")[{ty(p["name"])}]', ""]
                             + [f"{ty(x)} \\" for x in contact_parts(p)] + ["", *side_items])
            main = body([b for b in blocks(p) if b[0] not in side_kinds])
            src += ["#grid(columns: (30%, 1fr), column-gutter: 8mm,", f"[{side}],", f"[{main}])"]
        work = tempfile.mkdtemp(prefix="typ-")
        with open(os.path.join(work, "cv.typ"), "w", encoding="utf-8") as f:
            f.write("\n".join(src))
        typst.compile(os.path.join(work, "cv.typ"), output=path)
        shutil.rmtree(work, ignore_errors=True)
    return render


# ---------------------------------------------------------------------------------------------------------------
# DOCX written with python-docx, and the same files converted to PDF by LibreOffice

def docx_doc(layout):
    """layout: plain | table-skills | header-contact | two-columns."""
    def render(p, path):
        import docx
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.oxml.ns import qn
        from docx.oxml import OxmlElement
        from docx.shared import Pt, Cm
        d = docx.Document()
        sec = d.sections[0]
        sec.left_margin = sec.right_margin = Cm(2)
        d.styles["Normal"].font.name = "Liberation Sans"
        d.styles["Normal"].font.size = Pt(10.5)
        contact = "  |  ".join(contact_parts(p))
        if layout == "header-contact":
            hp = sec.header.paragraphs[0]
            r = hp.add_run(p["name"])
            r.bold = True
            hp.add_run("   " + contact).font.size = Pt(9)
        else:
            t = d.add_paragraph()
            if p["name_style"] == "two-size" and p["last"]:
                r = t.add_run(p["first"] + " ")
                r.bold, r.font.size = True, Pt(24)
                t.add_run(p["last"]).font.size = Pt(16)
            else:
                r = t.add_run(p["name"])
                r.bold, r.font.size = True, Pt(22)
            d.add_paragraph(contact)
        if layout == "two-columns":
            # A continuous section break, then everything below flows in two newspaper columns.
            new = d.add_section(docx.enum.section.WD_SECTION.CONTINUOUS)
            cols = new._sectPr.xpath("./w:cols")
            col = cols[0] if cols else OxmlElement("w:cols")
            col.set(qn("w:num"), "2")
            col.set(qn("w:space"), "567")
            if not cols:
                new._sectPr.append(col)
        text_width = sec.page_width - sec.left_margin - sec.right_margin
        sections = blocks(p)
        # LibreOffice does not balance the columns of a continuous section: break to column 2 halfway.
        weights = [sum(1 + len(it.get("bullets", [])) for it in items) for _, _, items in sections]
        half, acc, column_break_before = sum(weights) / 2, 0, None
        for n, wgt in enumerate(weights):
            if acc >= half and column_break_before is None and n > 0:
                column_break_before = n
            acc += wgt
        for n, (kind, heading, items) in enumerate(sections):
            if layout == "two-columns" and n == column_break_before:
                from docx.enum.text import WD_BREAK
                d.add_paragraph().add_run().add_break(WD_BREAK.COLUMN)
            d.add_heading(heading, level=2)
            if kind == "skills" and layout == "table-skills":
                table = d.add_table(rows=0, cols=2)
                table.style = "Table Grid"
                for it in items:
                    cells = table.add_row().cells
                    cells[0].text = it["label"]
                    cells[1].text = ", ".join(it["items"])
                continue
            for it in items:
                if it["type"] == "entry":
                    para = d.add_paragraph()
                    where = f", {it['where']}" if it["where"] else ""
                    para.add_run(f"{it['title']}, {it['org']}{where}").bold = True
                    if p["date_style"] == "right" and layout != "two-columns":
                        para.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
                        para.add_run("\t" + it["dates"])
                    else:
                        para.add_run(f"\n{it['dates']}")
                    for b in it["bullets"]:
                        d.add_paragraph(b, style="List Bullet")
                elif it["type"] == "skill":
                    para = d.add_paragraph()
                    para.add_run(it["label"] + ": ").bold = True
                    para.add_run(", ".join(it["items"]))
                elif it["type"] == "item":
                    d.add_paragraph(it["text"] + (f" ({it['dates']})" if it["dates"] else ""), style="List Bullet")
                else:
                    d.add_paragraph(it["text"])
        d.core_properties.author = p["name"]
        d.save(path)
    return render


def libreoffice_pdf(docx_render, suffix="docx"):
    def render(p, path):
        work = tempfile.mkdtemp(prefix="lo-")
        src = os.path.join(work, f"cv.{suffix}")
        docx_render(p, src)
        profile = "file://" + os.path.join(work, "profile")
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", work, src], check=True, capture_output=True, timeout=180)
        shutil.copy(os.path.join(work, "cv.pdf"), path)
        shutil.rmtree(work, ignore_errors=True)
    return render


# ---------------------------------------------------------------------------------------------------------------
# More routes through pandoc, a plain-text résumé printed by enscript, a DOCX text box

def pandoc_latex(p, path):
    """pandoc's own LaTeX template under pdfTeX, as `pandoc cv.md -o cv.pdf` makes it."""
    work = tempfile.mkdtemp(prefix="md-")
    md_path = os.path.join(work, "cv.md")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown(p).replace("\u2011", "-"))
    r = subprocess.run(["pandoc", md_path, "-f", "markdown", "--pdf-engine=pdflatex", "-V", "geometry:margin=2cm",
                        "-V", "pagestyle=empty", "-o", path], cwd=work, capture_output=True, timeout=180)
    if r.returncode != 0:
        raise RuntimeError("pandoc/pdflatex failed: " + r.stderr.decode("utf-8", "replace")[:400])
    shutil.rmtree(work, ignore_errors=True)


def pandoc_odt(p, path):
    work = tempfile.mkdtemp(prefix="md-")
    md_path = os.path.join(work, "cv.md")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown(p))
    subprocess.run(["pandoc", md_path, "-f", "markdown", "-t", "odt", "-o", path], check=True, cwd=work)
    shutil.rmtree(work, ignore_errors=True)


PLAIN_WIDTH = 78  # columns of a plain-text résumé: dates are padded flush right to this column


def plain_text(p):
    """A plain-text résumé as people e-mail them: headings underlined, dates padded to the right margin."""
    def line(left, right=""):
        if not right:
            return left
        return left + " " * max(2, PLAIN_WIDTH - len(left) - len(right)) + right

    def wrap(text, indent):
        out, cur = [], ""
        for w in text.split():
            if len(cur) + len(w) + 1 > PLAIN_WIDTH - indent and cur:
                out.append(cur)
                cur = w
            else:
                cur = (cur + " " + w).strip()
        return out + [cur]

    c = contact_parts(p)
    out = [p["name"], f"{c[0]} | {c[1]}", f"{c[2]} | {c[3]}", ""]
    for kind, heading, items in blocks(p):
        out += [heading.upper(), "=" * len(heading)]
        for it in items:
            if it["type"] == "entry":
                out.append(line(f"{it['title']}, {it['org']}", it["dates"]))
                for b in it["bullets"]:
                    ws = wrap(b, 4)
                    out += ["  * " + ws[0]] + ["    " + w for w in ws[1:]]
            elif it["type"] == "skill":
                out += wrap(f"{it['label']}: {', '.join(it['items'])}", 0)
            elif it["type"] == "item":
                out.append(line(it["text"], it["dates"]) if len(it["text"]) < 60 else it["text"])
            else:
                out += wrap(it["text"], 0)
        out.append("")
    return "\n".join(out)


def enscript_pdf(p, path):
    text = "".join(ASCII_DASHES.get(c, c) for c in plain_text(p))
    work = tempfile.mkdtemp(prefix="txt-")
    with open(os.path.join(work, "cv.txt"), "wb") as f:
        f.write(text.encode("latin-1"))
    ps = os.path.join(work, "cv.ps")
    subprocess.run(["enscript", "-B", "-q", "--encoding=latin1", "-f", "Courier10", "--margins=54:54:54:54",
                    "-o", ps, os.path.join(work, "cv.txt")], check=True, capture_output=True, timeout=60)
    subprocess.run(["ps2pdf", ps, path], check=True, capture_output=True, timeout=60)
    shutil.rmtree(work, ignore_errors=True)


def docx_text_box(p, path):
    """Name, contact line and summary inside a VML text box at the top (as older Word templates drew them)."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt
    from xml.sax.saxutils import escape
    d = docx.Document()
    d.styles["Normal"].font.name = "Liberation Sans"
    d.styles["Normal"].font.size = Pt(10.5)
    paras = [(p["name"], 40, True), ("  |  ".join(contact_parts(p)), 20, False)]
    inner = "".join(
        f'<w:p><w:r><w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text, size, bold in paras)
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape id="contactbox" type="#_x0000_t202" style="width:470pt;height:62pt" strokeweight="0.75pt">'
        f'<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    d.add_paragraph()._p.append(box)
    for kind, heading, items in blocks(p):
        d.add_heading(heading, level=2)
        for it in items:
            if it["type"] == "entry":
                where = f", {it['where']}" if it["where"] else ""
                para = d.add_paragraph()
                para.add_run(f"{it['title']}, {it['org']}{where}").bold = True
                para.add_run(f"\n{it['dates']}")
                for b in it["bullets"]:
                    d.add_paragraph(b, style="List Bullet")
            elif it["type"] == "skill":
                para = d.add_paragraph()
                para.add_run(it["label"] + ": ").bold = True
                para.add_run(", ".join(it["items"]))
            elif it["type"] == "item":
                d.add_paragraph(it["text"] + (f" ({it['dates']})" if it["dates"] else ""), style="List Bullet")
            else:
                d.add_paragraph(it["text"])
    d.save(path)


# ---------------------------------------------------------------------------------------------------------------
# The producers, each with its fixed split. Kinds are mixed on both sides.

JR_NO_CERTS_PROJECTS = ALL_KINDS - {"certifications", "projects"}
PRODUCERS = [
    Producer("moderncv-classic-pdflatex", "latex", "tuning", moderncv("classic", "pdflatex", None),
             charset="t1"),
    Producer("moderncv-casual-xelatex-fa5", "latex", "sealed", moderncv("casual", "xelatex", "awesome")),
    Producer("moderncv-banking-lualatex-fa5", "latex", "tuning", moderncv("banking", "lualatex", "awesome")),
    Producer("moderncv-oldstyle-pdflatex", "latex", "sealed", moderncv("oldstyle", "pdflatex", None, hyphenate=False),
             charset="t1"),
    Producer("moderncv-fancy-pdflatex", "latex", "tuning", moderncv("fancy", "pdflatex", None), charset="t1"),
    Producer("moderncv-classic-xelatex-fa5", "latex", "sealed", moderncv("classic", "xelatex", "awesome")),
    Producer("curve-pdflatex", "latex", "tuning", curve, charset="t1"),
    Producer("currvita-pdflatex", "latex", "sealed", currvita, charset="t1"),
    Producer("article-pdflatex", "latex", "tuning", article("pdflatex"), charset="t1"),
    Producer("article-lualatex-microtype", "latex", "sealed", article("lualatex", justify_tight=True)),
    Producer("paracol-sidebar-xelatex", "latex", "tuning", paracol_sidebar("xelatex"), layout=["multi-column"]),
    Producer("pandoc-chromium-classic", "html", "sealed", pandoc_chromium("classic")),
    Producer("pandoc-chromium-rightdates", "html", "tuning", pandoc_chromium("rightdates")),
    Producer("pandoc-chromium-grid-sidebar", "html", "sealed", pandoc_chromium("grid-sidebar", sidebar=True),
             layout=["multi-column"]),
    Producer("pandoc-weasyprint-rightdates", "html", "tuning", pandoc_weasyprint("rightdates")),
    Producer("pandoc-weasyprint-float-sidebar", "html", "sealed", pandoc_weasyprint("float-sidebar", sidebar=True),
             layout=["multi-column"]),
    Producer("pandoc-wkhtmltopdf-classic", "html", "tuning", pandoc_wkhtmltopdf("classic")),
    Producer("jsonresume-even", "jsonresume", "tuning", jsonresume("even")),
    Producer("jsonresume-flat", "jsonresume", "tuning", jsonresume("flat"), supports=JR_NO_CERTS_PROJECTS),
    Producer("jsonresume-kendall", "jsonresume", "sealed", jsonresume("kendall"),
             supports=ALL_KINDS - {"certifications"}),
    # Macchiato prints a narrow left column (about, languages, skills, interests) beside work and education,
    # and sets languages as h6 at 10 px (7.5 pt).
    Producer("jsonresume-macchiato", "jsonresume", "tuning", jsonresume("macchiato"),
             supports=ALL_KINDS - {"certifications"}, layout=["multi-column"],
             person_layout=lambda p: ["tiny-font"] if any(k == "languages" for k, _ in p["sections"]) else []),
    Producer("jsonresume-stackoverflow", "jsonresume", "sealed", jsonresume("stackoverflow")),
    Producer("reportlab-plain", "python", "sealed", reportlab_plain),
    Producer("reportlab-sidebar", "python", "tuning", reportlab_sidebar, layout=["multi-column"]),
    Producer("fpdf2-plain", "python", "tuning", fpdf_plain),
    Producer("groff-ms", "groff", "sealed", groff_ms, charset="latin1"),
    Producer("typst-plain", "typst", "tuning", typst_doc(False)),
    Producer("typst-sidebar", "typst", "sealed", typst_doc(True), layout=["multi-column"]),
    Producer("docx-plain", "docx", "tuning", docx_doc("plain"), ext="docx"),
    Producer("docx-plain-libreoffice", "docx-pdf", "sealed", libreoffice_pdf(docx_doc("plain"))),
    Producer("docx-table-skills", "docx", "sealed", docx_doc("table-skills"), ext="docx", layout=["table-layout"]),
    Producer("docx-table-skills-libreoffice", "docx-pdf", "tuning", libreoffice_pdf(docx_doc("table-skills")),
             layout=["table-layout"]),
    Producer("docx-header-contact", "docx", "tuning", docx_doc("header-contact"), ext="docx",
             layout=["contact-in-header-footer"]),
    Producer("docx-header-contact-libreoffice", "docx-pdf", "sealed", libreoffice_pdf(docx_doc("header-contact")),
             layout=["contact-in-header-footer"]),
    Producer("docx-two-columns", "docx", "sealed", docx_doc("two-columns"), ext="docx", layout=["multi-column"]),
    Producer("docx-two-columns-libreoffice", "docx-pdf", "tuning", libreoffice_pdf(docx_doc("two-columns")),
             layout=["multi-column"]),
    Producer("pandoc-docx", "docx", "sealed", pandoc_docx, ext="docx"),
    Producer("pandoc-docx-libreoffice", "docx-pdf", "tuning", libreoffice_pdf(pandoc_docx)),
    Producer("pandoc-chromium-skill-cards", "html", "tuning", pandoc_chromium("skill-cards")),
    Producer("pandoc-wkhtmltopdf-float-sidebar", "html", "sealed", pandoc_wkhtmltopdf("float-sidebar", sidebar=True),
             layout=["multi-column"]),
    Producer("pandoc-latex-pdflatex", "latex", "tuning", pandoc_latex, charset="t1"),
    Producer("pandoc-odt-libreoffice", "docx-pdf", "sealed", libreoffice_pdf(pandoc_odt, suffix="odt")),
    Producer("enscript-plain-text", "text", "sealed", enscript_pdf, charset="latin1", print_map=ASCII_DASHES),
    Producer("docx-text-box", "docx", "tuning", docx_text_box, ext="docx", layout=["text-box", "contact-in-text-box"]),
    Producer("docx-text-box-libreoffice", "docx-pdf", "sealed", libreoffice_pdf(docx_text_box),
             layout=["text-box", "contact-in-text-box"]),
    Producer("jsonresume-onepage", "jsonresume", "sealed", jsonresume("onepage"), supports=JR_NO_CERTS_PROJECTS),
    # The dev split: producers in neither half, looked at and tuned on freely to find classes of misreading. It
    # does not replace the sealed half, whose figures stay the measure of how a fix carries over.
    # paper: a label rail (headings in small caps, work dates under the heading in the rail); its "Personal"
    # heading stays empty for interests, and it prints no summary, projects, publications or certificates. The
    # dates under the rail labels are set at 0.55 em in small caps (about 7.5 pt).
    Producer("jsonresume-paper", "jsonresume", "dev", jsonresume("paper", profiles=True),
             supports=ALL_KINDS - {"certifications", "interests", "projects", "publications", "summary"},
             layout=["tiny-font"]),
    Producer("jsonresume-spartan", "jsonresume", "dev", jsonresume("spartan", profiles=True),
             supports=JR_NO_CERTS_PROJECTS),
    # short: skills as a label/keywords table, schools side by side.
    Producer("jsonresume-short", "jsonresume", "dev", jsonresume("short"), supports=JR_NO_CERTS_PROJECTS),
    # actual: contact right-aligned beside the name; skills, education, languages, interests and links in a
    # narrow right column beside experience, highlights in two columns, both at about 7.5 pt. It stops on
    # projects without roles, so they are left out.
    Producer("jsonresume-actual", "jsonresume", "dev", jsonresume("actual", profiles=True, omit=("projects",)),
             supports=ALL_KINDS - {"projects"}, layout=["multi-column", "tiny-font"]),
    # elegant: one row of contact items (location, phone, e-mail, languages) each after an icon-font glyph
    # (private-use code points), section icons in a left gutter, skills as boxed keyword pills. Spoken languages
    # appear only in that contact row, never as a section.
    Producer("jsonresume-elegant", "jsonresume", "dev", jsonresume("elegant", profiles=True, hide_images=True),
             supports=ALL_KINDS - {"languages"}),
    # caffeine: a left column (location, e-mail, phone, skills, languages, interests, all upper-cased by CSS)
    # beside summary, work, education and publications; the contact items are 9 px (6.75 pt), headings 10 px.
    Producer("jsonresume-caffeine", "jsonresume", "dev", jsonresume("caffeine", hide_images=True),
             supports=JR_NO_CERTS_PROJECTS, layout=["multi-column", "tiny-font"]),
    Producer("moderncv-oldstyle-xelatex-fa5", "latex", "dev",
             moderncv("oldstyle", "xelatex", "awesome", hyphenate=False)),
    Producer("moderncv-oldstyle-lualatex", "latex", "dev", moderncv("oldstyle", "lualatex", None, hyphenate=False)),
    Producer("moderncv-casual-pdflatex", "latex", "dev", moderncv("casual", "pdflatex", None), charset="t1"),
    Producer("moderncv-banking-pdflatex", "latex", "dev", moderncv("banking", "pdflatex", None), charset="t1"),
    # classy: a centred header (name and label upper-cased, "City, Region, " with the empty address parts' commas,
    # "EMAIL • …", "PHONE • …", then "PROFILES" with the networks' names linked). It stops without profiles.
    Producer("jsonresume-classy", "jsonresume", "dev", jsonresume("classy", profiles=True),
             supports=JR_NO_CERTS_PROJECTS),
    # modern: the city as a heading under the name, phone and e-mail as "Phone:"/"Email:" lines inside About
    # (contact in the middle of the first section); it prints summary, work, education and skills only.
    Producer("jsonresume-modern", "jsonresume", "dev", jsonresume("modern", hide_images=True),
             supports={"summary", "experience", "education", "skills"}),
    # moderntimeline: jobs and schools drawn as bars in moderncv's date column, the years above and below each bar.
    Producer("moderncv-classic-pdflatex-timeline", "latex", "dev", moderncv("classic", "pdflatex", None, timeline=True),
             charset="t1"),
]


# Highest code point a producer's fonts print: pdfTeX's T1 fonts cover Latin Extended-A, groff's standard PDF
# fonts Latin-1. People with other letters go to the next producer that can print them.
CHARSET_LIMIT = {"t1": 0x180, "latin1": 0x100}


def printable(p, charset):
    text = json.dumps(p, ensure_ascii=False)
    return all(ord(c) < CHARSET_LIMIT[charset] or c in "–—‑•·’" for c in text)


def assignment(index, producer, everyone):
    """Five people per producer, spread over the list by a fixed stride so each person meets several producers."""
    chosen = []
    n = len(everyone)
    k = 0
    while len(chosen) < DOCS_PER_PRODUCER and k < n:
        p = everyone[(index * 3 + k * 9 + k // 5) % n]
        k += 1
        if producer.charset and not printable(p, producer.charset):
            continue
        if p not in chosen:
            chosen.append(p)
    return chosen


def truth_entry(producer, p, rel):
    kinds = [k for k, _ in p["sections"] if k in producer.supports]
    def printed(s):
        return "".join(producer.print_map.get(c, c) for c in s)
    must = [printed(x) for x in people_mod.must_contain(p)]
    phone = printed(p["phone"])
    skills = [x for _, xs in p["skills"] for x in xs][:6]
    extra = producer.person_layout(p) if producer.person_layout else []
    return dict(file=rel, format=producer.ext, producer=producer.name, kind=producer.kind, split=producer.split,
                person=p["id"],
                expect=dict(name=printed(p["name"]), email=p["email"], phone=phone, sections=kinds,
                            experience_count=len(p["jobs"]), must_contain=must, skills=skills,
                            layout_risks=list(producer.layout) + extra))


def build_all(out, only=None, force=False):
    everyone = people_mod.people()
    truth, failed = [], {}
    for index, producer in enumerate(PRODUCERS):
        chosen = assignment(index, producer, everyone)
        for p in chosen:
            rel = os.path.join("docs", producer.name, f"{p['id']}.{producer.ext}")
            path = os.path.join(out, rel)
            if only and producer.name not in only:
                if os.path.exists(path):
                    truth.append(truth_entry(producer, p, rel))
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if force or not os.path.exists(path):
                try:
                    producer.render(p, path)
                    print(f"built {rel}", flush=True)
                except Exception as e:  # one template failing must not stop the others
                    failed[f"{producer.name}/{p['id']}"] = f"{type(e).__name__}: {e}"[:500]
                    traceback.print_exc()
                    continue
            truth.append(truth_entry(producer, p, rel))
    return truth, failed
