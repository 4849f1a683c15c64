#ifndef MARKETMATE_CARGON2_SHIM_H
#define MARKETMATE_CARGON2_SHIM_H
#include <argon2.h>
#endif
