#ifndef QAKIT_CLIBYAML_SHIM_H
#define QAKIT_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
