"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { z } from "zod";
import { validationErrorMap, type ValidationTranslator } from "@/lib/validation/error-map";

/** The page language's zod error map, for `zodResolver(schema, { error })` and client-side parses. */
export function useErrorMap(): z.core.$ZodErrorMap {
  const t = useTranslations("Validation");
  return useMemo(() => validationErrorMap(t as unknown as ValidationTranslator), [t]);
}
