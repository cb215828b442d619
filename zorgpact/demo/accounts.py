"""The demo accounts of DESIGN.md §5, one per role."""

DEMO_ACCOUNTS = [
    # (email, name, role description, extra user fields)
    ("coordinator@zeeland.demo", "Coördinator Zeeland (demo)", "coördinator van Zorgpact Zeeland", {}),
    ("coordinator@rotterdam.demo", "Coördinator Rotterdam (demo)", "coördinator van Zorgpact Rotterdam", {}),
    ("koploper@huiskamer.demo", "Coördinator Huiskamer (demo)", "coördinator van De Zeeuwse Huiskamer", {}),
    ("medewerker@vws.demo", "Medewerker VWS (demo)", "medewerker van VWS", {"ministry": "VWS"}),
    ("medewerker@ocw.demo", "Medewerker OCW (demo)", "medewerker van OCW", {"ministry": "OCW"}),
    ("team@zorgpact.demo", "Landelijk team (demo)", "landelijk Zorgpact-team", {"is_national_team": True}),
]
