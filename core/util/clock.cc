#include "core/util/clock.h"

#include <thread>

namespace azureml {

void SystemClock::sleep_for(std::chrono::milliseconds duration) { std::this_thread::sleep_for(duration); }

}  // namespace azureml
