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
  set(generated)
  set(content "")
  set(in_batch 0)
  set(batch 0)
  foreach(source ${ARGN})
    file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR} ${source})
    string(APPEND content "#include \"${relative}\"\n")
    math(EXPR in_batch "${in_batch} + 1")
    if(in_batch EQUAL AZUREML_UNITY_BATCH)
      set(file ${PROJECT_BINARY_DIR}/unity/${name}_${batch}.cc)
      file(CONFIGURE OUTPUT ${file} CONTENT "${content}")
      list(APPEND generated ${file})
      set(content "")
      set(in_batch 0)
      math(EXPR batch "${batch} + 1")
    endif()
  endforeach()
  if(in_batch GREATER 0)
    set(file ${PROJECT_BINARY_DIR}/unity/${name}_${batch}.cc)
    file(CONFIGURE OUTPUT ${file} CONTENT "${content}")
    list(APPEND generated ${file})
  endif()
  set(${out_var} ${generated} PARENT_SCOPE)
endfunction()
