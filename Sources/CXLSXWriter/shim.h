#ifndef KITH_CXLSXWRITER_SHIM_H
#define KITH_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
