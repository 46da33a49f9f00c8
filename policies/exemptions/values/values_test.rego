package exemptions.values_test

import data.exemptions.values

test_text_needs_a_visible_character if {
	values.is_text("a need")
	not values.is_text(" \t\n")
	not values.is_text("\f\r \r\n")
	not values.is_text("")
	values.is_text("\t x \n")
	not values.is_text(12)
}

test_count_is_a_whole_number_of_at_least_one if {
	values.is_count(1)
	values.is_count(12)
	not values.is_count(0)
	not values.is_count(2.5)
	not values.is_count("3")
}

test_whole_is_a_whole_number_of_at_least_zero if {
	values.is_whole(0)
	values.is_whole(24)
	not values.is_whole(-1)
	not values.is_whole(1.5)
	not values.is_whole("0")
}

test_cents_round_to_the_nearest_cent if {
	values.cents(120.01, 1000) == 12001
	values.cents(0, 1000) == 0
	values.cents(0.125, 1000) == 13
}

test_cents_reject_what_is_not_an_amount if {
	not values.cents(-0.01, 1000)
	not values.cents(1000.01, 1000)
	not values.cents("12.00", 1000)
	not values.cents(null, 1000)
}

test_quotient_is_integer_division if {
	values.quotient(7, 2) == 3
	values.quotient(2026, 100) == 20
	values.quotient(0, 5) == 0
}

test_padded_fills_with_zeros if {
	values.padded(7, 2) == "07"
	values.padded(12, 2) == "12"
	values.padded(5, 4) == "0005"
	values.padded(12345, 4) == "12345"
}

test_money_is_written_in_dollars_and_cents if {
	values.money_text(12000000) == "$120,000.00"
	values.money_text(5) == "$0.05"
	values.money_text(123456789) == "$1,234,567.89"
	values.money_text(100000) == "$1,000.00"
	values.money_text(99999) == "$999.99"
}

test_percent_is_written_with_two_decimals if {
	values.percent_text(2000) == "20.00%"
	values.percent_text(1999) == "19.99%"
	values.percent_text(5) == "0.05%"
}
