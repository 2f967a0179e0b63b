"use client";

export { PageError as default } from "@/components/portal/page-states";
