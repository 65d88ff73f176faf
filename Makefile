# Used by `sam build` (BuildMethod: makefile), which runs `make build-<LogicalId>` for each function: one
# Maven build, then the function's shaded jar goes in lib/ of its artifact, where the Lambda Java runtime
# puts it on the class path. IngestFunction is built from functions/ingest, and so on.
MVN ?= mvn
FUNCTIONS := ingest score query publish notify decay

empty :=
comma := ,
MODULES := $(subst $(empty) $(empty),$(comma),$(addprefix functions/,$(FUNCTIONS)))

build-%Function: functions
	$(eval module := $(shell echo $* | tr A-Z a-z))
	mkdir -p $(ARTIFACTS_DIR)/lib && cp functions/$(module)/target/$(module).jar $(ARTIFACTS_DIR)/lib/

functions:
	$(MVN) -q -B package -DskipTests -pl $(MODULES) -am

.PHONY: functions
