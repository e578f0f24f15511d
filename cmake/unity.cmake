# The tests and the fakes compile a few files to a translation unit: every test file parses the
# same gtest, gmock and nlohmann_json headers and instantiates the same templates, which was more
# than half of its compile time; eight files at once pay for that once (a file's own code is
# what is left).
#
# Written here rather than with CMake's UNITY_BUILD, whose generated files include the sources
# by absolute path: a second clone would then miss every one of them in ccache. These include
# them relative to the source tree, so any clone shares the cache.
#
# Files of one target are compiled together, so their file-local names (helpers and constants in
# anonymous namespaces, aliases) must differ across the target's files: a repeated one is a
# "redefinition" error naming both files. Configure with -DAZUREML_UNITY=OFF to compile file by
# file while finding one.
option(AZUREML_UNITY "Compile the tests and fakes several files to a translation unit" ON)
set(AZUREML_UNITY_BATCH 8 CACHE STRING "Files per translation unit for AZUREML_UNITY")

# Sets `out_var` to the sources to compile for `name`: `ARGN` itself when AZUREML_UNITY is OFF,
# else generated files in the build tree, each including up to AZUREML_UNITY_BATCH of them (in
# the order given) and rewritten only when that list changes.
function(azureml_unity_sources out_var name)
  if(NOT AZUREML_UNITY)
    set(${out_var} ${ARGN} PARENT_SCOPE)
    return()
  endif()
  # File i goes into batch i / AZUREML_UNITY_BATCH.
  set(index 0)
  set(last -1)
  foreach(source ${ARGN})
    math(EXPR batch "${index} / ${AZUREML_UNITY_BATCH}")
    file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR} ${source})
    string(APPEND content_${batch} "#include \"${relative}\"\n")
    set(last ${batch})
    math(EXPR index "${index} + 1")
  endforeach()
  set(generated)
  if(last GREATER_EQUAL 0)
    foreach(batch RANGE ${last})
      set(file ${PROJECT_BINARY_DIR}/unity/${name}_${batch}.cc)
      file(CONFIGURE OUTPUT ${file} CONTENT "${content_${batch}}")
      list(APPEND generated ${file})
    endforeach()
  endif()
  set(${out_var} ${generated} PARENT_SCOPE)
endfunction()
