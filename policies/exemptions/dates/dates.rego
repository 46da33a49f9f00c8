# METADATA
# title: Calendar dates without a clock
# description: >-
#   Dates are ISO strings (YYYY-MM-DD), compared as strings. Day arithmetic turns a date into a day
#   number with integer operations only, so the compiled wasm (which has no time builtins) and opa eval
#   compute the same days. The evaluation date always comes from the input.
package exemptions.dates

import data.exemptions.values

# METADATA
# title: A real calendar date written YYYY-MM-DD
# description: >-
#   The month and day are compared as two-digit text, which orders as the numbers do; only a 29 February
#   needs the year as a number, to know whether it is a leap year.
is_date(value) if {
	is_string(value)
	_date_shaped(value)
	substring(value, 0, 4) != "0000"
	day := substring(value, 8, 2)
	day >= "01"
	day <= _last_day(value, substring(value, 5, 2))
}

# The last day of a month as two digits; a month outside 01 to 12 has none.
_last_day(_, month) := _month_lengths[month]

_last_day(value, "02") := "29" if _leap(_parts(value)[0])

_last_day(value, "02") := "28" if not _leap(_parts(value)[0])

_month_lengths := {
	"01": "31", "03": "31", "04": "30", "05": "31", "06": "30", "07": "31",
	"08": "31", "09": "30", "10": "31", "11": "30", "12": "31",
}

# Four digits, a hyphen, two digits, a hyphen, two digits: with every digit taken out, only the two
# hyphens are left. Checked without a regular expression, which the wasm compiles again on every evaluation.
_date_shaped(value) if {
	count(value) == 10
	substring(value, 4, 1) == "-"
	substring(value, 7, 1) == "-"
	strings.replace_n(_no_digits, value) == "--"
}

_no_digits := {"0": "", "1": "", "2": "", "3": "", "4": "", "5": "", "6": "", "7": "", "8": "", "9": ""}

# Digits read one by one, so that every part is a plain integer in both evaluators.
_parts(date) := [
	(((1000 * _digit(date, 0)) + (100 * _digit(date, 1))) + (10 * _digit(date, 2))) + _digit(date, 3),
	(10 * _digit(date, 5)) + _digit(date, 6),
	(10 * _digit(date, 8)) + _digit(date, 9),
]

_digit(date, at) := indexof("0123456789", substring(date, at, 1))

_leap(year) if {
	year % 4 == 0
	year % 100 != 0
}

_leap(year) if year % 400 == 0

# January, March, May, July, August, October and December have 31 days.
_long_month(month) if {
	month <= 7
	month % 2 == 1
}

_long_month(month) if {
	month >= 8
	month % 2 == 0
}

_days_in_month(_, month) := 31 if {
	month != 2
	_long_month(month)
}

_days_in_month(_, month) := 30 if {
	month != 2
	not _long_month(month)
}

_days_in_month(year, 2) := 29 if _leap(year)

_days_in_month(year, 2) := 28 if not _leap(year)

# Months counted from March, so that the leap day falls at the end of the counting year.
_march_based_month(month) := month - 3 if month > 2

_march_based_month(month) := month + 9 if month <= 2

_march_based_year(year, month) := year if month > 2

_march_based_year(year, month) := year - 1 if month <= 2

# METADATA
# title: Day number of a date
# description: Days since 0000-03-01 in the proleptic Gregorian calendar (days-from-civil).
day_number(date) := days if {
	[year, month, day] := _parts(date)
	shifted_year := _march_based_year(year, month)
	day_of_year := (values.quotient((153 * _march_based_month(month)) + 2, 5) + day) - 1
	centuries := values.quotient(shifted_year, 100)
	leap_days := (values.quotient(shifted_year, 4) - centuries) + values.quotient(shifted_year, 400)
	days := ((365 * shifted_year) + leap_days) + day_of_year
}

# METADATA
# title: Date of a day number
# description: The inverse of day_number (civil-from-days).
from_day_number(days) := concat("-", [values.padded(year, 4), values.padded(month, 2), values.padded(day, 2)]) if {
	era := values.quotient(days, 146097)
	day_of_era := days - (era * 146097)
	centuries_of_era := values.quotient(day_of_era, 36524)
	leap_days_of_era := (values.quotient(day_of_era, 1460) - centuries_of_era) + values.quotient(day_of_era, 146096)
	year_of_era := values.quotient(day_of_era - leap_days_of_era, 365)
	leap_days := values.quotient(year_of_era, 4) - values.quotient(year_of_era, 100)
	day_of_year := day_of_era - ((365 * year_of_era) + leap_days)
	march_month := values.quotient((5 * day_of_year) + 2, 153)
	day := (day_of_year - values.quotient((153 * march_month) + 2, 5)) + 1
	month := _civil_month(march_month)
	year := (year_of_era + (era * 400)) + _january_or_february(month)
}

_civil_month(march_month) := march_month + 3 if march_month < 10

_civil_month(march_month) := march_month - 9 if march_month >= 10

_january_or_february(month) := 1 if month <= 2

_january_or_february(month) := 0 if month > 2

# METADATA
# title: Calendar days from one date to another
days_between(from, to) := day_number(to) - day_number(from)

# METADATA
# title: The date a number of calendar days later
add_days(date, days) := from_day_number(day_number(date) + days)

# METADATA
# title: The same day a number of months later
# description: >-
#   When that month has no such day (a term from 31 January, or from 29 February into a year without
#   one), the date is the first day of the month after: the term has then run its full length.
# scope: document
add_months(date, months) := result if {
	[year, month, day] := _parts(date)
	[to_year, to_month] := _month_after(year, month, months)
	day <= _days_in_month(to_year, to_month)
	result := concat("-", [values.padded(to_year, 4), values.padded(to_month, 2), values.padded(day, 2)])
}

add_months(date, months) := concat("-", [values.padded(next_year, 4), values.padded(next_month, 2), "01"]) if {
	[year, month, day] := _parts(date)
	[to_year, to_month] := _month_after(year, month, months)
	day > _days_in_month(to_year, to_month)
	[next_year, next_month] := _month_after(to_year, to_month, 1)
}

_month_after(year, month, months) := [to_year, (index - (to_year * 12)) + 1] if {
	index := (((year * 12) + month) - 1) + months
	to_year := values.quotient(index, 12)
}

# METADATA
# title: The same day a number of years later
# description: A term that starts on 29 February ends, in a year without one, on 1 March.
add_years(date, years) := add_months(date, years * 12)
