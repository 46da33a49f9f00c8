package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

test_cost_is_stated if {
	fixtures.incomplete_with(object.remove(calnet, ["cost"]), "cost-incomplete", "/cost")
}

test_cost_is_in_dollars if {
	fixtures.incomplete_with(object.union(calnet, {"cost": {"currency": "EUR"}}), "cost-incomplete", "/cost/currency")
}

test_cost_total_is_an_amount if {
	every total in ["120000", -1, null, 10000000000.01] {
		request := object.union(calnet, {"cost": {"total": total}})
		fixtures.incomplete_with(request, "cost-incomplete", "/cost/total")
	}
}

test_an_amount_above_the_reference_ceiling_is_an_entry_error if {
	ceiling := data.reference.thresholds.amount_ceiling_usd
	request := object.union(calnet, {"cost": {"total": ceiling + 0.01}})
	fixtures.incomplete_with(request, "cost-incomplete", "/cost/total")
	some issue in fixtures.decision_for(request).deficiencies
	issue.path == "/cost/total"
	contains(issue.message, "up to $1,000,000,000.00")
}

test_cost_is_itemised if {
	fixtures.incomplete_with(object.union(calnet, {"cost": {"items": []}}), "cost-incomplete", "/cost/items")
	fixtures.incomplete_with(object.union(calnet, {"cost": {"items": "circuits"}}), "cost-incomplete", "/cost/items")
}

test_each_item_is_named if {
	request := object.union(calnet, {"cost": {"total": 5, "items": [{"amount": 5}]}})
	fixtures.incomplete_with(request, "cost-incomplete", "/cost/items/0/item")
}

test_each_item_has_an_amount if {
	request := object.union(
		calnet,
		{"cost": {"items": [{"item": "Circuits", "amount": 100000}, {"item": "Installation"}]}},
	)
	fixtures.incomplete_with(request, "cost-incomplete", "/cost/items/1/amount")
	not "cost-total-mismatch" in fixtures.deficiency_codes(fixtures.decision_for(request))
}

test_an_item_that_is_not_a_mapping_is_reported if {
	request := object.union(calnet, {"cost": {"items": [{"item": "Circuits", "amount": 120000}, 7]}})
	fixtures.incomplete_with(request, "cost-incomplete", "/cost/items/1/item")
	fixtures.incomplete_with(request, "cost-incomplete", "/cost/items/1/amount")
}

test_total_must_equal_the_sum_of_items if {
	request := object.union(calnet, {"cost": {"total": 120000.01}})
	fixtures.incomplete_with(request, "cost-total-mismatch", "/cost/total")
	some deficiency in fixtures.decision_for(request).deficiencies
	deficiency.message == "cost.total ($120,000.01) is not the sum of the contract items ($120,000.00)"
}

test_total_is_compared_in_cents if {
	items := [{"item": "a", "amount": 0.1}, {"item": "b", "amount": 0.2}]
	request := object.union(calnet, {"cost": {"total": 0.3, "items": items}})
	fixtures.decision_for(request).outcome == "ready-for-decision"
}
