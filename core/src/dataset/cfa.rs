//! The RPW data's `CFA` currency code, resolved by the sending country.
//!
//! `CFA` is not an ISO 4217 code: two currencies share the name "CFA franc". Which one a row
//! means follows from its sending country, because each country uses exactly one of them.
//!
//! Source: ISO 4217, list one (current currency and funds, as published by its maintenance
//! agency, SIX): `XOF` "CFA Franc BCEAO" is the currency of the eight members of the West
//! African Economic and Monetary Union (WAEMU / UEMOA) — Benin, Burkina Faso, Côte d'Ivoire,
//! Guinea-Bissau, Mali, Niger, Senegal, Togo; `XAF` "CFA Franc BEAC" that of the six members
//! of the Central African Economic and Monetary Community (CEMAC) — Cameroon, the Central
//! African Republic, Chad, the Republic of the Congo, Equatorial Guinea, Gabon. (The
//! `iso_currency` crate's data lists the same countries for the two codes.)

/// WAEMU members (ISO 3166-1 alpha-3): their CFA franc is `XOF`.
const WAEMU: [&str; 8] = ["BEN", "BFA", "CIV", "GNB", "MLI", "NER", "SEN", "TGO"];

/// CEMAC members (ISO 3166-1 alpha-3): their CFA franc is `XAF`.
const CEMAC: [&str; 6] = ["CMR", "CAF", "TCD", "COG", "GNQ", "GAB"];

/// The ISO 4217 code that a non-ISO `lcu code` stands for, where the sending country makes it
/// unambiguous, and the monetary union that decides it: `CFA` sent from a WAEMU country is
/// `XOF`, from a CEMAC country `XAF`; anything else is `None`.
pub(crate) fn resolve(code: &str, source_code: &str) -> Option<(&'static str, &'static str)> {
    if !code.trim().eq_ignore_ascii_case("CFA") {
        return None;
    }
    if WAEMU.contains(&source_code) {
        Some(("XOF", "WAEMU"))
    } else if CEMAC.contains(&source_code) {
        Some(("XAF", "CEMAC"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sending_country_decides_which_cfa_franc() {
        assert_eq!(resolve("CFA", "SEN"), Some(("XOF", "WAEMU")));
        assert_eq!(resolve(" cfa ", "GAB"), Some(("XAF", "CEMAC")));
        assert_eq!(resolve("CFA", "FRA"), None);
        assert_eq!(resolve("EURO", "SEN"), None);
        // Every code the table yields is a currency remitcost knows.
        for code in ["XOF", "XAF"] {
            assert!(crate::Currency::parse(code).is_ok());
        }
    }
}
