#!/usr/bin/env python3
"""Invented people for the wide corpus: one deterministic list, the single source of every document and of its truth.

Every name, employer, school, e-mail (example.com) and phone number here is made up. `people()` always returns the
same list (seeded); `python3 people.py` prints it as JSON.

A person is a dict:
  id, name (as printed), first, last (last may be "" for a mononym), name_style (plain | two-size | letter-spaced),
  label, email, phone (exactly as printed), city, link, summary,
  date_style (right | inline), pages (1-3: how long the content runs),
  sections: [(kind, heading)] in print order, kinds from summary experience education skills projects
            certifications publications awards volunteering languages interests,
  jobs, education, skills (groups), projects, certifications, publications, awards, volunteering, languages, interests.
"""
import json
import random
import unicodedata

SEED = 20261206
COUNT = 45

# Names of varied shape: (first, last). last "" is a mononym.
NAMES = [
    ("Teodora", ""), ("Anne-Sophie", "Delacroix-Moreau"), ("José", "Núñez"), ("Zoë", "Ångström"),
    ("Oluwaseun", "Adébáyò"), ("Priyanka", "Venkataraman"), ("Lars", "van der Berg"), ("Mei", "Lin"),
    ("Björn", "Þórsson"), ("Renée", "Łukasik"), ("Jean-Luc", "Abara"), ("Ana", "de la Cruz"),
    ("Kwame", "Mensah-Owusu"), ("Siobhán", "Ní Bhriain"), ("Rafael", "Ortiz"), ("Hana", "Kowalczyk"),
    ("Dmitri", "Volkonsky"), ("Aarav", "Sharma"), ("Ingrid", "Solberg"), ("Tomás", "Ferreira"),
    ("Yusuf", "Demir"), ("Camille", "Lefèvre"), ("Noa", "Ben-David"), ("Élodie", "Marchetti"),
    ("Marisol", "Vega"), ("Kai", "Nakamura"), ("Fatima", "Al-Sayed"), ("Gregor", "Müller-Lüdenscheidt"),
    ("Aditi", "Rao"), ("Sven", "Öberg"), ("Leilani", "Kahale"), ("Chidi", "Okafor"),
    ("Imogen", "Fairweather"), ("Mateus", "Souza"), ("Wren", ""), ("Ravi", "Krishnamurthy"),
    ("Astrid", "Lindqvist"), ("Paulo", "Gonçalves"), ("Nadia", "Haddad"), ("Ewan", "MacLeod"),
    ("Freya", "O'Connell"), ("Hiroshi", "Tanaka"), ("Beatriz", "Santos-Pereira"), ("Oskar", "Dąbrowski"),
    ("Ximena", "Quispe"),
]

# Phone shapes as people write them; n is filled with invented digits.
PHONES = [
    "({a}) 555-01{b}", "{a}.555.01{b}", "+1 {a} 555 01{b}", "+1-{a}-555-01{b}", "{a}–555–01{b}",
    "+44 20 7946 0{c}", "+44 7700 900{c}", "+44 (0)161 496 0{c}", "+91 98{b}5 4{c}", "+91-98200-1{c}",
    "+49 30 1234{c}", "+49 151 2345 6{c}", "+33 6 12 34 {b} {b}", "+61 4 1234 5{c}", "+1 ({a}) 555‑01{b}",
]
AREA = ["415", "312", "503", "617", "212", "720", "206", "512", "404", "608"]

FIELDS = {
    "software": dict(
        titles=["Software Engineer", "Senior Software Engineer", "Backend Engineer", "Platform Engineer",
                "Staff Engineer", "Frontend Developer", "Site Reliability Engineer", "Engineering Manager"],
        label="Software Engineer",
        bullets=["Rebuilt the billing service in Go, cutting p95 latency from 420 ms to 90 ms",
                 "Led the migration of 40 services to Kubernetes with zero customer-facing downtime",
                 "Designed an event pipeline on Kafka handling 2 million messages per hour",
                 "Mentored five junior engineers through code review and pairing sessions",
                 "Introduced contract tests that reduced integration incidents by 35%",
                 "Shipped an offline-first mobile sync layer used by 80,000 field workers",
                 "Automated release checks in GitHub Actions, saving 6 hours per week",
                 "Co-founded the internal accessibility guild and audited 12 product pages",
                 "Replaced a nightly batch job with streaming updates, freeing 30% of database load",
                 "Wrote the on-call runbook adopted by four teams"],
        skills=[("Languages", ["Python", "Go", "TypeScript", "Rust", "SQL"]),
                ("Infrastructure", ["Kubernetes", "Terraform", "AWS", "PostgreSQL", "Kafka"]),
                ("Practices", ["Code review", "Incident response", "CI/CD", "Observability"])],
        degrees=["B.Sc. Computer Science", "M.Sc. Software Engineering", "B.Eng. Computer Engineering"],
        projects=["Tidewater, an open-source rate limiter for Go services",
                  "Lantern, a static-site search index built in Rust",
                  "A Raspberry Pi weather station with a public dashboard"],
        certs=["AWS Certified Solutions Architect – Associate", "Certified Kubernetes Administrator"],
    ),
    "data": dict(
        titles=["Data Analyst", "Data Scientist", "Senior Data Scientist", "Analytics Engineer",
                "Machine Learning Engineer", "Business Intelligence Analyst"],
        label="Data Scientist",
        bullets=["Built a churn model in scikit-learn that flagged 28% more at-risk accounts",
                 "Designed and analysed 30 A/B tests on onboarding flows",
                 "Moved weekly reporting from spreadsheets to dbt and Looker",
                 "Forecast regional demand with gradient boosting, lowering stock-outs by 17%",
                 "Cleaned and documented 14 years of sensor data for the research team",
                 "Presented quarterly insights to the executive team",
                 "Cut dashboard load times from 40 seconds to 4 by modelling aggregates in BigQuery",
                 "Trained a text classifier that routes 60% of support tickets automatically",
                 "Partnered with finance on a pricing experiment worth $1.2M a year"],
        skills=[("Analysis", ["Python", "R", "SQL", "pandas", "statsmodels"]),
                ("Tools", ["dbt", "Looker", "Tableau", "BigQuery", "Airflow"]),
                ("Methods", ["A/B testing", "Forecasting", "Causal inference"])],
        degrees=["B.Sc. Statistics", "M.Sc. Data Science", "B.A. Economics"],
        projects=["Open dataset of city bike trips with cleaning notebooks",
                  "A Bayesian model of bus arrival times for a transit hackathon"],
        certs=["Google Professional Data Engineer", "Tableau Desktop Specialist"],
    ),
    "design": dict(
        titles=["Product Designer", "UX Researcher", "Senior Product Designer", "Visual Designer",
                "Design Lead"],
        label="Product Designer",
        bullets=["Redesigned the checkout flow, raising completion by 11%",
                 "Ran 45 moderated usability sessions and turned them into a research library",
                 "Built the company design system in Figma with 120 documented components",
                 "Partnered with engineering to ship dark mode across web and mobile",
                 "Led discovery workshops with clinicians for a patient-intake tool",
                 "Cut support tickets about invoices by 40% with clearer statements",
                 "Illustrated onboarding screens for a language-learning app"],
        skills=[("Design", ["Figma", "Sketch", "Prototyping", "Design systems"]),
                ("Research", ["Usability testing", "Interviews", "Survey design"]),
                ("Front end", ["HTML", "CSS", "Accessibility"])],
        degrees=["B.A. Graphic Design", "M.Des. Interaction Design", "B.F.A. Illustration"],
        projects=["Type specimen site for an open-source serif family",
                  "Wayfinding signage for a community library"],
        certs=["Nielsen Norman UX Certificate"],
    ),
    "finance": dict(
        titles=["Financial Analyst", "Senior Accountant", "Controller", "FP&A Manager", "Audit Associate"],
        label="Financial Analyst",
        bullets=["Closed the monthly books in five days instead of nine",
                 "Built a rolling 18-month cash forecast used by the board",
                 "Led the ERP migration from spreadsheets to NetSuite",
                 "Audited 22 client engagements in manufacturing and retail",
                 "Reduced vendor payment errors by 60% with a three-way match process",
                 "Prepared IFRS 16 lease schedules for 140 sites",
                 "Modelled the acquisition of a regional distributor"],
        skills=[("Finance", ["Financial modelling", "Budgeting", "IFRS", "US GAAP"]),
                ("Software", ["Excel", "NetSuite", "SAP", "Power BI"])],
        degrees=["B.Com. Accounting", "M.Sc. Finance", "B.A. Business Administration"],
        projects=["Volunteer tax clinic scheduling spreadsheet"],
        certs=["Chartered Accountant (ACA)", "CFA Level II candidate"],
    ),
    "health": dict(
        titles=["Registered Nurse", "Charge Nurse", "Clinical Nurse Educator", "Nurse Practitioner"],
        label="Registered Nurse",
        bullets=["Cared for up to six post-operative patients per shift on a 32-bed surgical ward",
                 "Trained 18 new graduate nurses in medication safety",
                 "Led the ward's falls-prevention audit, lowering falls by 25%",
                 "Coordinated discharge plans with social workers and families",
                 "Introduced a bedside handover checklist adopted hospital-wide",
                 "Administered chemotherapy under oncology protocols"],
        skills=[("Clinical", ["Wound care", "IV therapy", "Triage", "Patient education"]),
                ("Systems", ["Epic", "Cerner", "Microsoft Office"])],
        degrees=["B.Sc. Nursing", "M.Sc. Advanced Nursing Practice"],
        projects=["Handover checklist pilot on two surgical wards"],
        certs=["Basic Life Support (BLS)", "Advanced Cardiac Life Support (ACLS)"],
    ),
    "marketing": dict(
        titles=["Marketing Manager", "Content Strategist", "Growth Marketer", "Brand Manager", "SEO Specialist"],
        label="Marketing Manager",
        bullets=["Grew organic traffic from 20,000 to 110,000 monthly visits in 18 months",
                 "Ran paid campaigns with a $400K annual budget at a 3.1x return",
                 "Launched a customer newsletter that reached 25,000 subscribers",
                 "Rewrote product pages, raising trial sign-ups by 19%",
                 "Managed a team of four writers and two freelance designers",
                 "Built the lifecycle e-mail program in HubSpot"],
        skills=[("Marketing", ["SEO", "Content strategy", "Paid search", "Lifecycle e-mail"]),
                ("Tools", ["HubSpot", "Google Analytics", "Semrush", "Canva"])],
        degrees=["B.A. Communications", "M.A. Marketing", "B.A. English Literature"],
        projects=["Podcast about small-business marketing, 40 episodes"],
        certs=["Google Ads Search Certification", "HubSpot Inbound Marketing"],
    ),
}

COMPANY_A = ["Saltmarsh", "Ironbark", "Quillfeather", "Larkspur", "Brackenridge", "Marlowe", "Greywater",
             "Copperleaf", "Northwind", "Bellweather", "Harrowgate", "Kestrel", "Juniper", "Oakhollow",
             "Silverpine", "Driftwood", "Emberline", "Foxglove", "Tamarack", "Windrose"]
COMPANY_B = ["Software", "Analytics", "Health", "Freight", "Labs", "Systems", "Partners", "Studio",
             "Energy", "Logistics", "Bank", "Media", "Hospital Trust", "Retail Group"]
SCHOOLS = ["Calder State University", "University of Eastmoor", "Brightwater College",
           "Technische Hochschule Rheinfeld", "Indian Institute of Technology Varanasi", "Université de Valmont",
           "University of Northgate", "Kingsbridge Polytechnic", "Universidad de Cerro Alto", "Lakeshore Institute"]
CITIES = ["London, UK", "Manchester, UK", "Berlin, Germany", "Munich, Germany", "Bengaluru, India",
          "Pune, India", "Toronto, Canada", "Austin, TX", "Seattle, WA", "Chicago, IL", "Lisbon, Portugal",
          "Paris, France", "Sydney, Australia", "Dublin, Ireland", "São Paulo, Brazil", "Reykjavík, Iceland"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]

HEADINGS = {
    "summary": ["Summary", "Profile", "Professional Summary", "About Me", "Objective"],
    "experience": ["Experience", "Work Experience", "Professional Experience", "Work", "Employment History",
                   "Professional Experience ({n})", "Work Experience ({n})", "Career History", "Employment"],
    "education": ["Education", "Education & Training", "Academic Background", "Education ({n})"],
    "skills": ["Skills", "Technical Skills", "Top Skills", "Core Competencies", "Skills & Tools",
               "Programs, Tools, Software"],
    "projects": ["Projects", "Selected Projects", "University Projects", "Side Projects"],
    "certifications": ["Certifications", "Licenses & Certifications", "Certificates"],
    "publications": ["Publications", "Selected Publications"],
    "awards": ["Awards", "Honors & Awards", "Awards and Honours"],
    "volunteering": ["Volunteering", "Volunteer Experience", "Community Service"],
    "languages": ["Languages"],
    "interests": ["Interests", "Hobbies & Interests"],
}
OPTIONAL = ["projects", "certifications", "publications", "awards", "volunteering", "languages", "interests"]
LANGS = ["English (native)", "Spanish (fluent)", "German (B2)", "French (conversational)", "Hindi (native)",
         "Portuguese (fluent)", "Japanese (basic)", "Polish (native)", "Arabic (fluent)", "Icelandic (native)"]
INTERESTS = ["Trail running", "Open source", "Film photography", "Chess", "Bouldering", "Sourdough baking",
             "Community radio", "Birdwatching", "Sea swimming", "Woodworking"]


def _date(rng, style, year, month):
    if style == 0:
        return f"{MONTHS[month]} {year}"
    if style == 1:
        return f"{month + 1:02d}/{year}"
    if style == 2:
        return f"{LONG_MONTHS[month]} {year}"
    return str(year)


def _phone(rng, i):
    shape = PHONES[i % len(PHONES)]
    return shape.format(a=AREA[rng.randrange(len(AREA))], b=f"{rng.randrange(10, 99)}", c=f"{rng.randrange(100, 999)}")


def _person(i, rng):
    first, last = NAMES[i]
    name = f"{first} {last}".strip()
    field_key = list(FIELDS)[i % len(FIELDS)]
    field = FIELDS[field_key]
    pages = 1 + (i % 3 == 2) + (i % 9 == 8)
    jobs_n = 1 + (i * 7) % 5
    if pages >= 2:
        jobs_n = max(jobs_n, 3)
    bullets_per_job = {1: 2, 2: 4, 3: 5}[pages]
    date_fmt = rng.randrange(4)
    dash = rng.choice([" – ", " - ", " — ", "–"])
    present = rng.choice(["Present", "present", "Current", "Now"])
    year = 2025
    jobs = []
    companies = rng.sample(COMPANY_A, jobs_n)
    for j in range(jobs_n):
        end_year, end_month = year, rng.randrange(12)
        length = rng.randrange(1, 4)
        start_year, start_month = end_year - length, rng.randrange(12)
        end = present if j == 0 else _date(rng, date_fmt, end_year, end_month)
        start = _date(rng, date_fmt, start_year, start_month)
        year = start_year - (rng.random() < 0.4)
        pool = list(field["bullets"])
        rng.shuffle(pool)
        jobs.append(dict(
            title=rng.choice(field["titles"]),
            company=f"{companies[j]} {rng.choice(COMPANY_B)}",
            location=rng.choice(CITIES),
            dates=f"{start}{dash}{end}",
            start_iso=f"{start_year}-{start_month + 1:02d}",
            end_iso="" if j == 0 else f"{end_year}-{end_month + 1:02d}",
            bullets=pool[:max(1, bullets_per_job - (j >= 2) * 2)],
        ))
    edu_n = 1 + (rng.random() < 0.45)
    education = []
    eyear = year - 1
    for k, school in enumerate(rng.sample(SCHOOLS, edu_n)):
        education.append(dict(degree=field["degrees"][k % len(field["degrees"])], school=school,
                              location=rng.choice(CITIES), dates=f"{eyear - 3}{dash}{eyear}",
                              start_iso=str(eyear - 3), end_iso=str(eyear)))
        eyear -= 4
    skills = [(g, list(items)) for g, items in field["skills"]]
    n_opt = rng.randrange(0, 4) + (pages - 1)
    optional = rng.sample(OPTIONAL, min(n_opt, len(OPTIONAL)))
    kinds = (["summary"] if rng.random() < 0.7 else []) + ["experience", "education", "skills"] + optional
    # Order: summary first when present; the rest mostly conventional with some shuffles.
    body = [k for k in kinds if k != "summary"]
    if i % 4 == 1:
        body.remove("skills")
        body.insert(0, "skills")
    elif i % 4 == 2:
        body.remove("education")
        body.insert(0, "education")
    kinds = (["summary"] if "summary" in kinds else []) + body
    counts = dict(experience=jobs_n, education=edu_n)
    sections = []
    for k in kinds:
        heading = HEADINGS[k][(i + len(sections)) % len(HEADINGS[k])]
        sections.append((k, heading.format(n=counts.get(k, 0))))
    email_user = (first + "." + (last or "cv")).lower().replace(" ", "").replace("'", "")
    email_user = unicodedata.normalize("NFKD", email_user.replace("þ", "th").replace("ł", "l"))
    email_user = email_user.encode("ascii", "ignore").decode() or f"person{i}"
    author = f"{first[0]}. {last}" if last else first
    p = dict(
        id=f"p{i:02d}-" + email_user.replace(".", "-"),
        name=name, first=first, last=last,
        name_style=["plain", "plain", "two-size", "plain", "letter-spaced"][i % 5],
        label=rng.choice(field["titles"]) if rng.random() < 0.5 else field["label"],
        email=f"{email_user}@example.com",
        phone=_phone(rng, i),
        city=rng.choice(CITIES),
        link=f"linkedin.com/in/{email_user.replace('.', '')}",
        summary=(f"{field['label']} with {3 + i % 12} years of experience in {field_key} work. "
                 f"Known for clear writing, careful delivery and calm teamwork."),
        date_style="right" if i % 3 != 1 else "inline",
        pages=pages,
        field=field_key,
        sections=sections,
        jobs=jobs,
        education=education,
        skills=skills,
        projects=[dict(name=pr, dates=str(2019 + k)) for k, pr in enumerate(field["projects"])],
        certifications=[dict(name=c, year=str(2018 + k * 2)) for k, c in enumerate(field["certs"])],
        publications=[f"{author} and R. Okoye. Notes on {field_key} practice at scale. "
                      f"Journal of Applied Practice, {2016 + i % 8}.",
                      f"{author}. A field guide to small teams. Workshop on Craft, 2021."],
        awards=[f"Employee of the Year, {jobs[0]['company']}, 2023", f"Dean's List, {education[0]['school']}"],
        volunteering=[dict(role="Mentor", org="Code Club Northgate", dates="2020 – 2024",
                           text="Taught weekly coding sessions for twelve-year-olds")],
        languages=rng.sample(LANGS, 2 + (i % 2)),
        interests=rng.sample(INTERESTS, 3),
    )
    return p


def people():
    rng = random.Random(SEED)
    return [_person(i, rng) for i in range(COUNT)]


def must_contain(p):
    """A few phrases every correct reading of a document made from p contains (all printed by every producer)."""
    job = p["jobs"][0]
    return [job["company"], job["title"], p["education"][0]["school"], p["skills"][0][1][0], job["bullets"][0]]


if __name__ == "__main__":
    print(json.dumps(people(), indent=1, ensure_ascii=False))
