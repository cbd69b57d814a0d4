"""A corpus of invented news articles made from a few templates: many towns in many countries, for
tests that need a site of realistic size (the places page at 50 briefings). The towns are real (the
gazetteer must place them); the people, the groups and the events are invented."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

TOWNS = [  # (country, town, a second town of the same country)
    ("France", "Lyon", "Marseille"), ("Germany", "Leipzig", "Dresden"), ("Italy", "Turin", "Bologna"),
    ("Spain", "Seville", "Valencia"), ("Portugal", "Porto", "Coimbra"), ("Poland", "Gdansk", "Krakow"),
    ("Kenya", "Mombasa", "Kisumu"), ("Nigeria", "Kano", "Ibadan"), ("Brazil", "Recife", "Manaus"),
    ("Peru", "Cusco", "Arequipa"), ("India", "Pune", "Jaipur"), ("Indonesia", "Surabaya", "Medan"),
    ("Japan", "Sendai", "Sapporo"), ("Canada", "Winnipeg", "Halifax"), ("Australia", "Perth", "Adelaide"),
    ("Mexico", "Monterrey", "Oaxaca"), ("Egypt", "Alexandria", "Aswan"), ("Turkey", "Izmir", "Konya"),
    ("Ukraine", "Kharkiv", "Odesa"), ("Chile", "Valparaiso", "Antofagasta"), ("Philippines", "Cebu", "Davao"),
    ("Vietnam", "Hue", "Da Nang"), ("Morocco", "Fez", "Tangier"), ("Argentina", "Rosario", "Mendoza"),
    ("Colombia", "Medellin", "Cali"),
]

PEOPLE = ["Marta Kovalenko", "Daniel Osei", "Ines Cardoso", "Tomasz Wrona", "Amina Bello", "Lucas Ferreira",
          "Hana Sato", "Carlos Quispe", "Priya Raman", "Jonas Becker", "Leila Haddad", "Mehmet Aydin"]

TEMPLATES = [
    ("Floods cut off villages near {town}",
     "{town_up} — Floods cut off at least {n} villages near {town} on {weekday}, the regional governor said, "
     "after two days of rain swelled the rivers of {country}.\n\n"
     "“The water rose faster than anyone expected,” governor {person} told reporters in {town}. "
     "She said {m} people had been moved to schools and sports halls.\n\n"
     "Rescue teams from {other} reached the worst-hit districts by boat, and the national weather office "
     "warned of more rain over the weekend."),
    ("Dock workers strike at the port of {town}",
     "{town_up} — Dock workers at the port of {town} walked out on {weekday} over pay, halting the loading of "
     "{n} ships, their union said.\n\n"
     "“We will stay out until the offer is fair,” union leader {person} said outside the gates. The port "
     "operator said it had offered a rise of {m} percent and called the strike unlawful.\n\n"
     "Lorries queued on the road to {other}, and the transport ministry of {country} said it would meet both sides."),
    ("Mayor of {town} wins a second term",
     "{town_up} — {person} won a second term as mayor of {town} on {weekday}, taking {m} percent of the vote "
     "in a run-off, the electoral commission said.\n\n"
     "“This city has chosen to keep building,” {person} told supporters in the old town. Turnout was "
     "{n} percent, lower than four years ago.\n\n"
     "Her rival, who had campaigned on cheaper transport between {town} and {other}, conceded in the evening. "
     "Parties across {country} read the result as a test before next year's national election."),
    ("Fire destroys a market in {town}",
     "{town_up} — A fire destroyed much of the central market in {town} overnight into {weekday}, and "
     "{n} traders lost their stalls, the fire service said.\n\n"
     "“Nobody was hurt, and that is what matters tonight,” fire chief {person} said. Investigators were "
     "looking at a faulty cable, she said, and about {m} firefighters fought the blaze.\n\n"
     "Traders from {other} offered space in their own market, and the government of {country} promised help to rebuild."),
    ("Hospital staff in {town} protest over shortages",
     "{town_up} — Hundreds of nurses and doctors marched through {town} on {weekday} to protest against "
     "shortages of staff and medicine, organisers said.\n\n"
     "“We are asked to do the work of {n} people each,” said {person}, a nurse who spoke at the rally. "
     "The health ministry of {country} said {m} new posts would be funded this year.\n\n"
     "Similar protests were planned in {other} next week, the organisers added."),
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def write_articles(folder: Path, count: int = 50, start: dt.date = dt.date(2024, 3, 1)) -> list[Path]:
    """``count`` articles, one a day from ``start``: town by town through TOWNS (twice over for 50),
    each with its own template, person and figures."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        country, town, other = TOWNS[i % len(TOWNS)]
        if i >= len(TOWNS):
            town, other = other, town  # the second round is told from the other town
        title, body = TEMPLATES[i % len(TEMPLATES)]
        day = start + dt.timedelta(days=i)
        values = {"town": town, "town_up": town.upper(), "other": other, "country": country,
                  "person": PEOPLE[i % len(PEOPLE)], "weekday": WEEKDAYS[day.weekday()],
                  "n": 12 + 7 * i, "m": 30 + (i * 13) % 60}
        name = f"{day.isoformat()}-{town.lower().replace(' ', '-')}-{i:02d}.md"
        path = folder / name
        path.write_text(f'---\ntitle: "{title.format(**values)}"\npublished: {day.isoformat()}\n'
                        f'source: "Test wire"\n---\n\n{body.format(**values)}\n', encoding="utf-8")
        written.append(path)
    return written
