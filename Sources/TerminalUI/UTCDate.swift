/// Epoch seconds as a UTC date for datetime fields. Hand-written (Howard Hinnant's
/// days-to-civil algorithm) so the pure UI needs no calendar or time zone database.
enum UTCDate {
  /// "2023-11-14T22:13Z" (ISO 8601, short enough for the value column).
  static func text(epochSeconds: Int) -> String {
    let days = Int((Double(epochSeconds) / 86_400).rounded(.down))
    let secondsOfDay = epochSeconds - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    let hour = secondsOfDay / 3600
    let minute = secondsOfDay % 3600 / 60
    return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute))Z"
  }

  static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func two(_ value: Int) -> String { String(value).leftPadded(2) }
}
