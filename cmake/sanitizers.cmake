# AZUREML_SANITIZE: every executable gets the sanitizers' default options and the LeakSanitizer
# suppressions compiled in (tests/sanitizer/sanitizer_defaults.cc.in says why).
set(azureml_lsan_supp ${PROJECT_SOURCE_DIR}/tests/sanitizer/lsan.supp)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${azureml_lsan_supp})
file(READ ${azureml_lsan_supp} AZUREML_LSAN_SUPPRESSIONS)
set(azureml_sanitizer_defaults ${PROJECT_BINARY_DIR}/generated/sanitizer_defaults.cc)
configure_file(${PROJECT_SOURCE_DIR}/tests/sanitizer/sanitizer_defaults.cc.in ${azureml_sanitizer_defaults} @ONLY)

# Adds the generated file to every executable defined in `directory` and below.
function(azureml_add_sanitizer_defaults directory)
  get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_sources(${target} PRIVATE ${azureml_sanitizer_defaults})
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
  foreach(subdirectory ${subdirectories})
    azureml_add_sanitizer_defaults(${subdirectory})
  endforeach()
endfunction()
