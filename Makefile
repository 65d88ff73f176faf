# What `sam build` runs: template.yaml gives every function `CodeUri: .` and `Metadata: {BuildMethod: makefile}`, so
# SAM runs the target build-<LogicalId> here with ARTIFACTS_DIR, the folder it zips and deploys for that function.
# Lambda's Java runtime puts every jar in the package's lib/ on the class path, so the shaded jar of the function's
# module goes there as Maven built it (the jar the tests test).
#
# One Maven build serves every function, and only when a source is newer than the last one (with
# `sam build --build-in-source`; without it SAM runs each target in a copy of this folder); MAVEN_FLAGS=-o builds
# offline.

MAVEN ?= mvn
MAVEN_FLAGS ?=

# The module whose jar each function runs: several functions share one module's jar (template.yaml, Handler).
IngestFunction := ingest
ScoreFunction := score
ShadowFunction := score
PublishFunction := publish
NotifyFunction := notify
NotifyRetryFunction := notify
DecayFunction := decay
AuditFunction := decay
QueryFunction := query
AdminFunction := admin
JobsFunction := jobs
TrainFunction := train
RedriveFunction := redrive
RepublishFunction := redrive
OpsFunction := redrive
DashboardFunction := dashboard
ImportSplitFunction := bulkimport
ImportChunkFunction := bulkimport

FUNCTIONS := IngestFunction ScoreFunction ShadowFunction PublishFunction NotifyFunction NotifyRetryFunction DecayFunction \
	AuditFunction QueryFunction AdminFunction JobsFunction TrainFunction RedriveFunction RepublishFunction OpsFunction \
	DashboardFunction ImportSplitFunction ImportChunkFunction
MODULES := $(sort $(foreach function,$(FUNCTIONS),$($(function))))

SOURCES := $(shell find pom.xml web functions -name target -prune -o -name node_modules -prune -o -type f -print)
BUILT := target/functions.built
empty :=
comma := ,
MAVEN_MODULES := $(subst $(empty) $(empty),$(comma),$(addprefix functions/,$(MODULES)))

.PHONY: $(addprefix build-,$(FUNCTIONS))

$(addprefix build-,$(FUNCTIONS)): build-%: $(BUILT)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/$($*)/target/$($*).jar "$(ARTIFACTS_DIR)/lib/"

$(BUILT): $(SOURCES)
	$(MAVEN) -B -q $(MAVEN_FLAGS) package -DskipTests -pl $(MAVEN_MODULES) -am
	mkdir -p $(@D) && touch $@

