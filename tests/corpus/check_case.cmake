# Runs `kubectl-azureml validate -f CASE` in DIR and compares with CASE's .expected file:
# stderr must match it exactly, stdout must be empty, the exit code must be 2.
get_filename_component(stem ${CASE} NAME_WLE)
set(expected_file "${DIR}/${stem}.expected")
if(NOT EXISTS "${expected_file}")
  message(FATAL_ERROR "${CASE}: no ${stem}.expected beside it")
endif()
file(READ "${expected_file}" expected)
execute_process(COMMAND "${BINARY}" validate -f "${CASE}"
                WORKING_DIRECTORY "${DIR}"
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(problems "")
if(NOT code EQUAL 2)
  string(APPEND problems "exit code ${code}, expected 2\n")
endif()
if(NOT out STREQUAL "")
  string(APPEND problems "stdout is not empty:\n${out}\n")
endif()
if(NOT err STREQUAL expected)
  string(APPEND problems "stderr differs.\n--- expected\n${expected}--- actual\n${err}")
endif()
if(NOT problems STREQUAL "")
  message(FATAL_ERROR "${CASE}: ${problems}")
endif()
