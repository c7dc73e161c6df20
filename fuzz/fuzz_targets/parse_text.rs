//! Text a user types or a spreadsheet exports: decimals, currency codes, survey periods and
//! money. Parsing never panics; what parses prints back to something that parses to the
//! same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remitcost::{parse_decimal, Currency, Money, Period};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_decimal(text) {
        Ok(d) => {
            let printed = d.to_string();
            assert_eq!(
                parse_decimal(&printed).ok(),
                Some(d),
                "decimal {text:?} -> {printed}"
            );
        }
        Err(e) => assert_eq!(e.code(), "invalid_decimal"),
    }
    match Currency::parse(text) {
        Ok(c) => {
            assert_eq!(c.code(), text.trim().to_ascii_uppercase());
            assert!(c.minor_units() <= 4, "{c}: {} minor units", c.minor_units());
            assert_eq!(Currency::parse(c.code()), Ok(c));
        }
        Err(e) => assert_eq!(e.code(), "unknown_currency"),
    }
    match text.parse::<Period>() {
        Ok(p) => {
            let printed = p.to_string();
            assert_eq!(
                printed.parse::<Period>(),
                Ok(p),
                "period {text:?} -> {printed}"
            );
            let _ = p.previous();
        }
        Err(e) => assert_eq!(e.code(), "invalid_period"),
    }
    // "<amount> <currency>" and the pair split at the first space.
    if let Some((amount, code)) = text.split_once(' ') {
        if let Ok(money) = Money::parse(amount, code) {
            let _ = money.to_string();
            let _ = money.round(remitcost::Rounding::HalfEven);
        }
    }
    // JSON strings carry the same text into the typed deserializers.
    let json = serde_json::Value::String(text.to_string());
    if let Err(e) = serde_json::from_value::<Currency>(json.clone()) {
        let _ = remitcost::Error::from(e).code();
    }
    if let Err(e) = serde_json::from_value::<Period>(json) {
        let _ = remitcost::Error::from(e).code();
    }
});
