export { PageSkeleton as default } from "@/components/portal/page-states";
