import type { ComponentProps, ReactNode } from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { CircleCheck, Info, OctagonX, TriangleAlert } from "lucide-react";
import { cn } from "./cn";

const alertVariants = cva("relative flex gap-3 rounded-lg border px-4 py-3 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0", {
  variants: {
    variant: {
      default: "bg-card text-card-foreground [&>svg]:text-muted-foreground",
      info: "border-info/30 bg-info/8 text-foreground [&>svg]:text-info",
      success: "border-success/30 bg-success/8 text-foreground [&>svg]:text-success",
      warning: "border-warning/40 bg-warning/10 text-foreground [&>svg]:text-warning",
      destructive: "border-destructive/35 bg-destructive/8 text-foreground [&>svg]:text-destructive",
    },
  },
  defaultVariants: { variant: "default" },
});

const icons = { default: Info, info: Info, success: CircleCheck, warning: TriangleAlert, destructive: OctagonX };

export type AlertProps = Omit<ComponentProps<"div">, "title"> &
  VariantProps<typeof alertVariants> & {
    title?: ReactNode;
    /** Set false to drop the leading icon; the variant is never conveyed by colour or icon alone. */
    icon?: boolean;
  };

/**
 * Inline message box. Errors and warnings get role="alert" so they are announced when they appear;
 * render them only once there is something to say, or screen readers announce nothing.
 */
export function Alert({ className, variant, title, icon = true, children, role, ...props }: AlertProps) {
  const Icon = icons[variant ?? "default"];
  const urgent = variant === "destructive" || variant === "warning";
  return (
    <div
      data-slot="alert"
      role={role ?? (urgent ? "alert" : "status")}
      className={cn(alertVariants({ variant }), className)}
      {...props}
    >
      {icon ? <Icon aria-hidden /> : null}
      <div className="grid min-w-0 flex-1 gap-1">
        {title ? <p className="leading-tight font-medium">{title}</p> : null}
        {children ? <div className="text-muted-foreground [&_p]:leading-relaxed">{children}</div> : null}
      </div>
    </div>
  );
}
