package exemptions.dates_test

import data.exemptions.dates

test_calendar_dates_are_recognised if {
	dates.is_date("2026-11-22")
	dates.is_date("2024-02-29")
	dates.is_date("2000-02-29")
	dates.is_date("2026-01-31")
	dates.is_date("2026-04-30")
	dates.is_date("2026-08-31")
	dates.is_date("2026-12-31")
}

test_impossible_dates_are_not_dates if {
	not dates.is_date("2026-02-29")
	not dates.is_date("1900-02-29")
	not dates.is_date("2026-04-31")
	not dates.is_date("2026-09-31")
	not dates.is_date("2026-13-01")
	not dates.is_date("2026-00-10")
	not dates.is_date("2026-01-00")
	not dates.is_date("0000-01-01")
	not dates.is_date("2026-1-01")
	not dates.is_date("2026-01-01T00:00:00Z")
	not dates.is_date(20260101)
	not dates.is_date(null)
}

test_only_ascii_digits_and_hyphens_in_place_make_a_date if {
	not dates.is_date("2026/01/01")
	not dates.is_date("2026-01-1a")
	not dates.is_date(" 2026-01-1")
	not dates.is_date("2026-01-011")
	not dates.is_date("+026-01-01")
	not dates.is_date("２０２６-01-01")
	not dates.is_date("2026-0a-01")
	not dates.is_date("2026--1-01")
	not dates.is_date("-026-01-01")
	not dates.is_date("2026-01--1")
	not dates.is_date("")
}

test_day_numbers_count_calendar_days if {
	dates.days_between("2026-05-02", "2026-06-01") == 30
	dates.days_between("2026-05-03", "2026-06-01") == 29
	dates.days_between("2024-02-28", "2024-03-01") == 2
	dates.days_between("2026-02-28", "2026-03-01") == 1
	dates.days_between("2025-12-31", "2026-01-01") == 1
	dates.days_between("2024-06-01", "2026-06-01") == 730
	dates.days_between("1970-01-01", "2000-01-01") == 10957
	dates.days_between("2026-06-01", "2026-05-02") == -30
}

test_day_numbers_round_trip if {
	every date in ["0001-01-01", "1999-12-31", "2000-02-29", "2024-02-29", "2026-03-01", "2100-03-01", "9999-12-31"] {
		dates.from_day_number(dates.day_number(date)) == date
	}
}

test_adding_days_crosses_months_and_years if {
	dates.add_days("2026-05-02", 30) == "2026-06-01"
	dates.add_days("2026-12-15", 30) == "2027-01-14"
	dates.add_days("2024-02-15", 14) == "2024-02-29"
	dates.add_days("2023-02-15", 14) == "2023-03-01"
}

test_adding_years_keeps_the_day if {
	dates.add_years("2024-06-01", 2) == "2026-06-01"
	dates.add_years("2025-03-01", 2) == "2027-03-01"
	dates.add_years("2024-02-29", 4) == "2028-02-29"
}

test_a_term_from_a_leap_day_ends_on_the_first_of_march if {
	dates.add_years("2024-02-29", 2) == "2026-03-01"
}

test_months_are_added_to_the_same_day if {
	dates.add_months("2027-01-01", 36) == "2030-01-01"
	dates.add_months("2027-11-15", 2) == "2028-01-15"
	dates.add_months("2027-12-10", 1) == "2028-01-10"
	dates.add_months("2027-05-20", 0) == "2027-05-20"
}

test_a_day_the_month_lacks_moves_to_the_first_of_the_next if {
	dates.add_months("2027-01-31", 1) == "2027-03-01"
	dates.add_months("2028-01-31", 1) == "2028-03-01"
	dates.add_months("2028-01-29", 1) == "2028-02-29"
	dates.add_months("2027-08-31", 1) == "2027-10-01"
	dates.add_months("2027-10-31", 2) == "2027-12-31"
	dates.add_months("2027-12-31", 2) == "2028-03-01"
}
