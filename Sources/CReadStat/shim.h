#ifndef KITH_CREADSTAT_SHIM_H
#define KITH_CREADSTAT_SHIM_H
#include <readstat.h>
#endif
