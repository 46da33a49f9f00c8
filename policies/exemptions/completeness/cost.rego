package exemptions.completeness

import data.exemptions.values

ceiling_usd := data.reference.thresholds.amount_ceiling_usd

cost := input.request.cost if is_object(input.request.cost)

cost_items := cost.items if is_array(cost.items)

# METADATA
# title: The request states the cost
# custom:
#   kind: deficiency
#   code: cost-incomplete
#   clauses:
#     - calnet.procedures.cost
#     - cgen.procedures.cost
deficiencies contains issue if {
	not cost
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/cost",
		"message": "cost must give the cost of the proposed services in total and by contract item",
	}
}

# METADATA
# title: The cost is in US dollars
# custom:
#   kind: deficiency
#   code: cost-incomplete
#   clauses:
#     - calnet.procedures.cost
#     - cgen.procedures.cost
deficiencies contains issue if {
	is_object(cost)
	not cost.currency == "USD"
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/cost/currency",
		"message": "cost.currency must be USD",
	}
}

# METADATA
# title: The total cost is an amount
# custom:
#   kind: deficiency
#   code: cost-incomplete
#   clauses:
#     - calnet.procedures.cost
#     - cgen.procedures.cost
deficiencies contains issue if {
	is_object(cost)
	not values.cents(values.at(cost, "total"), ceiling_usd)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/cost/total",
		"message": concat("", [
			"cost.total must be the total cost in US dollars, from zero up to ",
			values.money_text(ceiling_usd * 100),
		]),
	}
}

# METADATA
# title: The cost is broken down by contract item
# custom:
#   kind: deficiency
#   code: cost-incomplete
#   clauses:
#     - calnet.procedures.cost
#     - cgen.procedures.cost
deficiencies contains issue if {
	is_object(cost)
	not _itemised
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/cost/items",
		"message": "cost.items must list the cost of each contract item",
	}
}

# METADATA
# title: Each contract item is named
# custom:
#   kind: deficiency
#   code: cost-incomplete
#   clauses:
#     - calnet.procedures.cost
#     - cgen.procedures.cost
deficiencies contains issue if {
	some index, item in cost_items
	not values.is_text(values.at(item, "item"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "cost", "items", format_int(index, 10), "item"]),
		"message": "each contract item names what it is (item)",
	}
}

# METADATA
# title: Each contract item has an amount
# custom:
#   kind: deficiency
#   code: cost-incomplete
#   clauses:
#     - calnet.procedures.cost
#     - cgen.procedures.cost
deficiencies contains issue if {
	some index, item in cost_items
	not values.cents(values.at(item, "amount"), ceiling_usd)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "cost", "items", format_int(index, 10), "amount"]),
		"message": concat("", [
			"each contract item's amount must be in US dollars, from zero up to ",
			values.money_text(ceiling_usd * 100),
		]),
	}
}

# METADATA
# title: The total equals the sum of the items
# description: Compared in whole cents.
# custom:
#   kind: deficiency
#   code: cost-total-mismatch
#   clauses:
#     - calnet.procedures.cost
#     - cgen.procedures.cost
deficiencies contains issue if {
	total := values.cents(cost.total, ceiling_usd)
	item_cents := [values.cents(item.amount, ceiling_usd) | some item in cost_items]
	count(item_cents) > 0
	count(item_cents) == count(cost_items)
	sum(item_cents) != total
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/cost/total",
		"message": concat("", [
			"cost.total (", values.money_text(total), ") is not the sum of the contract items (",
			values.money_text(sum(item_cents)), ")",
		]),
	}
}

_itemised if count(cost_items) > 0
