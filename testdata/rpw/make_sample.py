"""Builds testdata/rpw/sample.csv: a SYNTHETIC dataset in the RPW layout (see README.md).

Run: python3 testdata/rpw/make_sample.py  (stdlib only; writes sample.csv beside this file).
Every total is computed with decimal arithmetic and checked before writing:
  fx margin  = (1 - offered rate / interbank rate) x 100, rounded to 4 places
  total cost = fee / amount x 100 + fx margin, rounded to 4 places
Non-transparent rows state no rate and a literal 0 margin, as the RPW data does.
"""
import csv
from decimal import Decimal as D, ROUND_HALF_EVEN
from pathlib import Path

HEADER = [
    "id", "period",
    "source_code", "source_name", "source_region", "source_income", "source_lending", "source_G8G20",
    "destination_code", "destination_name", "destination_region", "destination_income",
    "destination_lending", "destination_G8G20",
    "firm", "firm_type", "payment instrument", "access point", "speed actual",
    "cc1 lcu amount", "cc1 denomination amount", "cc1 lcu code", "cc1 lcu fee", "cc1 lcu fx rate",
    "cc1 fx margin", "cc1 total cost %",
    "cc2 lcu amount", "cc2 denomination amount", "cc2 lcu code", "cc2 lcu fee", "cc2 lcu fx rate",
    "cc2 fx margin", "cc2 total cost %",
    "inter lcu bank fx", "transparent", "Standard Note", "note2",
    "receiving network coverage", "pickup location", "pickup method", "date", "corridor",
]

Q4 = D("0.0001")

# code, name, region, income, lending, G8G20
COUNTRIES = {
    "FRA": ("France", "Europe & Central Asia", "High income", "..", "G8/G20"),
    "GBR": ("United Kingdom", "Europe & Central Asia", "High income", "..", "G8/G20"),
    "USA": ("United States", "North America", "High income", "..", "G8/G20"),
    "ARE": ("United Arab Emirates", "Middle East & North Africa", "High income", "..", ".."),
    "ZAF": ("South Africa", "Sub-Saharan Africa", "Upper middle income", "IBRD", "G20"),
    "DEU": ("Germany", "Europe & Central Asia", "High income", "..", "G8/G20"),
    "SEN": ("Senegal", "Sub-Saharan Africa", "Lower middle income", "IDA", ".."),
    "IND": ("India", "South Asia", "Lower middle income", "IBRD", "G20"),
    "MEX": ("Mexico", "Latin America & Caribbean", "Upper middle income", "IBRD", "G20"),
    "PAK": ("Pakistan", "South Asia", "Lower middle income", "Blend", ".."),
    "ZWE": ("Zimbabwe", "Sub-Saharan Africa", "Lower middle income", "Blend", ".."),
    "TUR": ("Turkiye", "Europe & Central Asia", "Upper middle income", "IBRD", "G20"),
}

# corridor: currency, cc1 amount, cc2 amount, interbank rate per period
CORRIDORS = {
    ("FRA", "SEN"): ("EUR", D("190"), D("475"), {"2024_4Q": D("655.957"), "2025_1Q": D("655.957")}),
    ("GBR", "IND"): ("GBP", D("155"), D("390"), {"2024_4Q": D("107.4210"), "2025_1Q": D("108.0525")}),
    ("USA", "MEX"): ("USD", D("200"), D("500"), {"2024_4Q": D("20.3710"), "2025_1Q": D("20.4480")}),
    ("ARE", "PAK"): ("AED", D("735"), D("1835"), {"2024_4Q": D("75.7950"), "2025_1Q": D("76.0880")}),
    ("ZAF", "ZWE"): ("ZAR", D("3600"), D("9000"), {"2024_4Q": D("0.0552"), "2025_1Q": D("0.0541")}),
    ("DEU", "TUR"): ("EUR", D("190"), D("475"), {"2024_4Q": D("36.2150"), "2025_1Q": D("37.1020")}),
}

# services per corridor: firm, firm_type, instrument, access point, speed,
#   cc1 fee, cc2 fee, margin % to set the offered rate (None = not transparent), coverage, pickup
SERVICES = {
    ("FRA", "SEN"): [
        ("Banque Exemple Europe", "Bank", "Bank account", "Bank branch", "2-5 days", D("15.00"), D("22.00"), D("1.60"), "Nationwide", "Bank branch", "Account"),
        ("Atlas Transfers", "Money Transfer Operator", "Cash", "Agent", "Less than one hour", D("4.90"), D("7.90"), D("1.10"), "Nationwide", "Agent", "Cash"),
        ("La Poste Exemple", "Post office", "Cash", "Post office", "Next day", D("9.50"), D("14.00"), None, "Urban areas", "Post office", "Cash"),
        ("Sahel Mobile Money", "Mobile operator", "Debit card", "Mobile wallet", "Less than one hour", D("3.00"), D("6.50"), D("0.90"), "Nationwide", "Mobile", "Mobile wallet"),
        ("QuickWire", "Money Transfer Operator", "Credit Card", "Agent", "Less than one hour", D("7.90"), D("12.90"), D("2.35"), "Nationwide", "Agent", "Cash"),
    ],
    ("GBR", "IND"): [
        ("Thames Bank", "Bank", "Bank account", "Online", "2-5 days", D("25.00"), D("25.00"), D("2.40"), "Nationwide", "Bank branch", "Account"),
        ("SendWell", "Money Transfer Operator", "Debit card", "Online", "Same day", D("1.99"), D("0.00"), D("0.85"), "Nationwide", "Bank branch", "Account"),
        ("ClearRate", "Money Transfer Operator", "Debit card", "Online", "Next day", D("1.56"), D("3.12"), D("0.00"), "Nationwide", "Bank branch", "Account"),
        ("Crown Post Money", "Post office", "Cash", "Post office", "Same day", D("3.99"), D("3.99"), D("3.10"), "Nationwide", "Agent", "Cash"),
        ("IndiaLink Bank", "Bank/MTO", "Bank account", "Online", "Next day", D("0.00"), D("0.00"), None, "Nationwide", "Bank branch", "Account"),
    ],
    ("USA", "MEX"): [
        ("Liberty National Bank", "Bank", "Bank account", "Online", "Same day", D("0.00"), D("0.00"), D("4.20"), "Nationwide", "Bank branch", "Account"),
        ("PayArc", "Money Transfer Operator", "Debit card", "Online", "Less than one hour", D("2.99"), D("4.99"), D("1.30"), "Nationwide", "Agent", "Cash"),
        ("NorteSur Envios", "Money Transfer Operator", "Cash", "Agent", "Less than one hour", D("3.99"), D("3.99"), D("-0.25"), "Nationwide", "Agent", "Cash"),
        ("QuickWire", "Money Transfer Operator", "Credit card", "Agent", "Less than one hour", D("5.00"), D("8.00"), D("1.95"), "Nationwide", "Agent", "Cash"),
        ("Prairie Bank", "Bank", "Bank account", "Bank branch", "More than 5 days", D("7.50"), D("7.50"), D("3.60"), "Nationwide", "Bank branch", "Account"),
        ("Puente Money", "Money Transfer Operator", "Cash", "Agent", "Same day", D("4.99"), D("6.99"), None, "Urban areas", "Agent", "Cash"),
    ],
    ("ARE", "PAK"): [
        ("Gulf Exchange House", "Money Transfer Operator", "Cash", "Agent", "Less than one hour", D("23.00"), D("23.00"), D("0.70"), "Nationwide", "Agent", "Cash"),
        ("Emirates Example Bank", "Bank", "Bank account", "Online", "Same day", D("26.25"), D("26.25"), D("1.20"), "Nationwide", "Bank branch", "Account"),
        ("QuickWire", "Money Transfer Operator", "Cash", "Agent", "Less than one hour", D("29.00"), D("35.00"), D("1.80"), "Nationwide", "Agent", "Cash"),
        ("Desert Mobile Wallet", "Mobile operator", "Mobile wallet", "Mobile wallet", "Less than one hour", D("10.00"), D("10.00"), D("1.05"), "Urban areas", "Mobile", "Mobile wallet"),
    ],
    ("ZAF", "ZWE"): [
        ("Limpopo Transfers", "Money Transfer Operator", "Cash", "Agent", "Same day", D("180.00"), D("360.00"), D("2.50"), "Nationwide", "Agent", "Cash"),
        ("Cape Standard Bank", "Bank", "Bank account", "Bank branch", "2-5 days", D("350.00"), D("350.00"), D("4.80"), "Urban areas", "Bank branch", "Account"),
        ("Veld Store Money", "Money Transfer Operator", "Cash", "Agent", "Less than one hour", D("99.00"), D("99.00"), "SENTINEL", "Nationwide", "Agent", "Cash"),
        ("ZimWallet", "Mobile operator", "Mobile wallet", "Mobile wallet", "Less than one hour", D("150.00"), D("300.00"), D("3.40"), "Nationwide", "Mobile", "Mobile wallet"),
    ],
    ("DEU", "TUR"): [
        ("Rhein Bank", "Bank", "Bank account", "Bank branch", "2-5 days", D("19.50"), D("24.50"), D("2.90"), "Nationwide", "Bank branch", "Account"),
        ("Atlas Transfers", "Money Transfer Operator", "Cash", "Agent", "Less than one hour", D("5.90"), D("9.90"), D("1.45"), "Nationwide", "Agent", "Cash"),
        ("Post Rhein / QuickWire", "Post office", "Cash", "Post office", "Less than one hour", D("8.90"), D("13.90"), D("2.05"), "Nationwide", "Agent", "Cash"),
        ("Bosphorus Bank", "Bank/MTO", "Bank account", "Online", "Next day", D("4.00"), D("6.00"), None, "Nationwide", "Bank branch", "Account"),
        ("QuickWire", "Money Transfer Operator", "Credit Card", "Online", "Same day", D("4.90"), D("4.90"), D("1.75"), "Nationwide", "Agent", "Cash"),
    ],
}

# The ZAF->ZWE sentinel row: the data states a rate of exactly 1 ("not comparable", parallel
# market) and a margin of record.
SENTINEL_MARGIN = D("3.10")

DATES = {"2024_4Q": "2024-11-18", "2025_1Q": "2025-02-17"}
# a small per-period drift so the two quarters differ: fee x factor, margin + delta
DRIFT = {"2024_4Q": (D("1"), D("0")), "2025_1Q": (D("0.96"), D("-0.10"))}


def block(amount, denom, currency, fee, margin_pct, interbank):
    """One ccN block; margin_pct None = not transparent, "SENTINEL" = rate 1."""
    fee = fee.quantize(D("0.01"), ROUND_HALF_EVEN)
    if margin_pct is None:
        rate, margin = "", D("0")
    elif margin_pct == "SENTINEL":
        rate, margin = D("1"), SENTINEL_MARGIN
    else:
        rate = (interbank * (1 - margin_pct / 100)).quantize(Q4, ROUND_HALF_EVEN)
        margin = ((1 - rate / interbank) * 100).quantize(Q4, ROUND_HALF_EVEN)
    total = (fee / amount * 100 + margin).quantize(Q4, ROUND_HALF_EVEN)
    # the check the reader makes, with its default tolerance
    assert abs(fee / amount * 100 + margin - total) <= D("0.01"), (fee, amount, margin, total)
    return [str(amount), denom, currency, str(fee), str(rate), str(margin), str(total)]


def main():
    rows = []
    n = 0
    for period in ["2024_4Q", "2025_1Q"]:
        factor, delta = DRIFT[period]
        for (src, dst), (cur, a1, a2, rates) in CORRIDORS.items():
            interbank = rates[period]
            for firm, ftype, instr, access, speed, fee1, fee2, m, cov, loc, meth in SERVICES[(src, dst)]:
                n += 1
                if m is None or m == "SENTINEL":
                    margin = m
                else:
                    margin = m + delta
                s, d = COUNTRIES[src], COUNTRIES[dst]
                cc1 = block(a1, "200", cur, fee1 * factor, margin, interbank)
                cc2 = block(a2, "500", cur, fee2 * factor, margin, interbank)
                transparent = "no" if m is None else "yes"
                note = "" if m is not None else "Exchange rate not disclosed"
                rows.append([str(100000 + n), period, src, *s, dst, *d, firm, ftype, instr, access,
                             speed, *cc1, *cc2, str(interbank), transparent, note, "", cov, loc,
                             meth, DATES[period], src + dst])
    out = Path(__file__).with_name("sample.csv")
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    negatives = sum(1 for r in rows if r[HEADER.index("cc1 fx margin")].startswith("-"))
    print(f"{len(rows)} rows, {sum(r[34] == 'no' for r in rows)} non-transparent, "
          f"{sum(r[23] == '1' for r in rows)} rate-1 rows, {negatives} negative cc1 margins")


if __name__ == "__main__":
    main()
