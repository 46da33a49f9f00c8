# METADATA
# title: Values read from a request
# description: >-
#   Checks and conversions of request values that give the same result in the compiled wasm and in
#   opa eval: integer arithmetic on cents and basis points only, no division of amounts.
package exemptions.values

# METADATA
# title: Text that says something
# description: >-
#   A string with at least one character that is not white space (space, tab, line feed, form feed,
#   carriage return). Trimmed rather than matched: a regular expression is compiled again on every
#   evaluation in the wasm, which made this the policy's most expensive check.
is_text(value) if {
	is_string(value)
	trim(value, " \t\n\f\r") != ""
}

# METADATA
# title: The value at a key or path of a mapping, or null
# description: Null when the container is not a mapping or the value is absent, so that guards always see a value.
# scope: document
default at(_, _) := null

at(container, path) := object.get(container, path, null) if is_object(container)

# METADATA
# title: A whole number of at least zero
is_whole(value) if {
	is_number(value)
	value >= 0
	value == round(value)
}

# METADATA
# title: A whole number of at least one
is_count(value) if {
	is_number(value)
	value >= 1
	value == round(value)
}

# METADATA
# title: An amount in whole cents
# description: >-
#   A number of US dollars from zero up to the ceiling in the reference data, rounded to the nearest
#   cent (the request schema allows at most two decimals). Undefined for anything else.
cents(amount, ceiling_usd) := round(amount * 100) if {
	is_number(amount)
	amount >= 0
	amount <= ceiling_usd
}

# METADATA
# title: Integer division of a non-negative integer
# description: Exact in both evaluators, since the dividend is made a multiple of the divisor first.
quotient(dividend, divisor) := (dividend - (dividend % divisor)) / divisor

# METADATA
# title: A non-negative integer written with at least `width` digits
padded(number, width) := concat("", [substring("0000", 0, width - count(digits)), digits]) if {
	digits := format_int(number, 10)
	count(digits) < width
} else := format_int(number, 10)

# METADATA
# title: Whole dollars with thousands separators
grouped(number) := concat(",", array.concat([substring(digits, 0, lead)], rest)) if {
	digits := format_int(number, 10)
	size := count(digits)
	lead := ((size - 1) % 3) + 1
	rest := [substring(digits, start, 3) |
		some i in numbers.range(0, size)
		start := lead + (3 * i)
		start < size
	]
}

# METADATA
# title: An amount in cents written as dollars, e.g. $120,000.00
money_text(amount_cents) := concat("", [
	"$", grouped(quotient(amount_cents, 100)), ".",
	padded(amount_cents % 100, 2),
])

# METADATA
# title: Basis points written as a percentage, e.g. 19.99%
percent_text(basis_points) := concat("", [
	format_int(quotient(basis_points, 100), 10), ".",
	padded(basis_points % 100, 2), "%",
])
