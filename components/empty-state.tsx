import type { ReactNode } from "react";
import { Inbox } from "lucide-react";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Defaults to an inbox icon; pass a lucide icon element to change it. */
  icon?: ReactNode;
  /** The next step, e.g. a "Grant access" button or "Clear filters". */
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ title, description, icon, action, className }: EmptyStateProps) {
  return (
    <div className={cn("flex flex-col items-center justify-center gap-2 px-6 py-12 text-center", className)}>
      <div className="mb-1 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5">
        {icon ?? <Inbox aria-hidden />}
      </div>
      <p className="text-sm font-medium">{title}</p>
      {description ? <p className="max-w-sm text-sm text-muted-foreground">{description}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}

/**
 * What a filtered list shows with no rows: that there is nothing at all, or that the filters hide
 * everything, with a way to clear them.
 */
export function ListEmptyState(props: {
  /** The list itself is empty (not only the filtered view). */
  none: boolean;
  noneTitle: ReactNode;
  noneDescription?: ReactNode;
  filteredTitle: ReactNode;
  filteredDescription?: ReactNode;
  clearLabel: string;
  onClear: () => void;
}) {
  if (props.none) return <EmptyState title={props.noneTitle} description={props.noneDescription} />;
  return (
    <EmptyState
      title={props.filteredTitle}
      description={props.filteredDescription}
      action={
        <Button variant="outline" size="sm" onClick={props.onClear}>
          {props.clearLabel}
        </Button>
      }
    />
  );
}
