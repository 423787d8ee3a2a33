#ifndef KITH_CCLP_SHIM_H
#define KITH_CCLP_SHIM_H
#include <coin/Clp_C_Interface.h>
#endif
