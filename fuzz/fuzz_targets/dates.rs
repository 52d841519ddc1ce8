//! Date parsing: any string either is refused or parses to a date that prints back to a string
//! that parses to the same date (and prints the same again).
#![no_main]

use drone_dossier::Date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(date) = text.parse::<Date>() {
        let printed = date.to_string();
        let again: Date = printed
            .parse()
            .unwrap_or_else(|e| panic!("{text:?} parsed, but its printed form {printed:?} does not: {e}"));
        assert_eq!(again, date, "{text:?} -> {printed:?}");
        assert_eq!(again.to_string(), printed);
        // Its JSON form reads back the same, as the dataset files store it.
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
    }
});
