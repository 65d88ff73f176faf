# Used by `sam build` (BuildMethod: makefile): one Maven build, then each function's shaded jar is placed
# in lib/ of its artifact, where the Lambda Java runtime puts it on the classpath.
MVN ?= mvn

build-IngestFunction: functions
	mkdir -p $(ARTIFACTS_DIR)/lib && cp functions/ingest/target/ingest.jar $(ARTIFACTS_DIR)/lib/

build-ScoreFunction: functions
	mkdir -p $(ARTIFACTS_DIR)/lib && cp functions/score/target/score.jar $(ARTIFACTS_DIR)/lib/

build-QueryFunction: functions
	mkdir -p $(ARTIFACTS_DIR)/lib && cp functions/query/target/query.jar $(ARTIFACTS_DIR)/lib/

functions:
	$(MVN) -q -B package -DskipTests -pl functions/ingest,functions/score,functions/query -am

.PHONY: functions
