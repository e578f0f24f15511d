# Every compile through ccache when it is installed (scripts/install-deps installs it): its cache
# lives in ~/.cache/ccache, outside the clone, so a second clone on the same machine reuses what
# the first compiled (build/ with g++, build-asan/ with clang). A cold cache only costs the
# lookups. The settings make a clone anywhere hit what another clone compiled:
# paths under the source tree are hashed relative to it (CCACHE_BASEDIR) and the build
# directory is left out of the hash (CCACHE_NOHASHDIR; debug info then names the first clone's
# directory); the sloppiness lets a file that includes a precompiled header be cached.
option(AZUREML_CCACHE "Compile through ccache when it is installed" ON)
find_program(AZUREML_CCACHE_PROGRAM ccache)
if(AZUREML_CCACHE AND AZUREML_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} CCACHE_NOHASHDIR=1
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime ${AZUREML_CCACHE_PROGRAM})
endif()
