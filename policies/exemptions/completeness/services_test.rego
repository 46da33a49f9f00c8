package exemptions.completeness_test

import data.exemptions.fixtures_test as fixtures

test_services_are_listed if {
	fixtures.incomplete_with(object.union(calnet, {"services": []}), "services-missing", "/services")
	fixtures.incomplete_with(object.remove(calnet, ["services"]), "services-missing", "/services")
	fixtures.incomplete_with(
		object.union(calnet, {"services": {"service": "wan-data"}}),
		"services-missing",
		"/services",
	)
}

test_each_service_is_in_the_catalog if {
	request := fixtures.with_services(calnet, "DGS", ["wan-data", "carrier-pigeon"])
	fixtures.incomplete_with(request, "unknown-service", "/services/1/service")
	some deficiency in fixtures.decision_for(request).deficiencies
	contains(deficiency.message, "\"carrier-pigeon\"")
}

test_a_service_without_id_is_unknown if {
	request := object.union(calnet, {"services": [object.remove(calnet.services[0], ["service"])]})
	fixtures.incomplete_with(request, "unknown-service", "/services/0/service")
}

test_each_service_is_a_mapping if {
	fixtures.incomplete_with(object.union(calnet, {"services": ["wan-data"]}), "service-detail-missing", "/services/0")
}

test_each_service_has_a_type if {
	request := object.union(calnet, {"services": [object.remove(calnet.services[0], ["type"])]})
	fixtures.incomplete_with(request, "service-detail-missing", "/services/0/type")
}

test_each_service_has_a_whole_quantity if {
	every quantity in [0, 1.5, "12", null] {
		request := object.union(calnet, {"services": [object.union(calnet.services[0], {"quantity": quantity})]})
		fixtures.incomplete_with(request, "service-detail-missing", "/services/0/quantity")
	}
}

test_each_service_has_a_street_address if {
	every field in ["street", "city", "zip"] {
		request := object.union(
			calnet,
			{"services": [json.remove(calnet.services[0], [concat("/", ["location", field])])]},
		)
		fixtures.incomplete_with(
			request,
			"service-detail-missing",
			concat("/", ["", "services", "0", "location", field]),
		)
	}
}

test_a_location_that_is_not_a_mapping_misses_every_part if {
	request := object.union(calnet, {"services": [object.union(calnet.services[0], {"location": "Sacramento"})]})
	decision := fixtures.decision_for(request)
	{deficiency.path | some deficiency in decision.deficiencies} == {
		"/services/0/location/street", "/services/0/location/city", "/services/0/location/zip",
	}
}
