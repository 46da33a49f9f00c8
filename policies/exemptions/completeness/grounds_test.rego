package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

test_a_ground_is_claimed if {
	fixtures.incomplete_with(object.remove(calnet, ["grounds"]), "ground-missing", "/grounds")
	fixtures.incomplete_with(
		object.union(object.remove(calnet, ["grounds"]), {"grounds": {"price": {}}}),
		"ground-missing",
		"/grounds",
	)
	fixtures.incomplete_with(object.union(cgen, {"grounds": ["functionality"]}), "ground-missing", "/grounds")
}

test_functionality_ground_is_a_mapping if {
	request := object.union(calnet, {"grounds": {"functionality": "it lacks features"}})
	fixtures.incomplete_with(request, "functionality-incomplete", "/grounds/functionality")
}

test_functionality_ground_says_what_is_lacking if {
	fixtures.incomplete_with(
		json.remove(calnet, ["grounds/functionality/lacking"]),
		"functionality-incomplete",
		"/grounds/functionality/lacking",
	)
	request := object.union(cgen, {"grounds": {"functionality": {"lacking": []}}})
	fixtures.incomplete_with(request, "functionality-incomplete", "/grounds/functionality/lacking")
}

test_functionality_ground_names_only_recognised_lacks if {
	request := object.union(calnet, {"grounds": {"functionality": {"lacking": ["features", "price"]}}})
	fixtures.incomplete_with(request, "functionality-incomplete", "/grounds/functionality/lacking/1")
}

test_functionality_ground_is_explained if {
	request := json.remove(cgen, ["grounds/functionality/explanation"])
	fixtures.incomplete_with(request, "functionality-incomplete", "/grounds/functionality/explanation")
}
