#ifndef KITH_CLIBCSV_SHIM_H
#define KITH_CLIBCSV_SHIM_H
#include <csv.h>
#endif
