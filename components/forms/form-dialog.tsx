"use client";
import type { FormEventHandler, ReactNode } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger, DialogClose } from "@/components/ui/dialog";

/** A "create something" dialog: trigger button, title, fields, server error, submit/cancel. */
export function FormDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  triggerLabel: string;
  title: string;
  description?: string;
  submitLabel: string;
  submitting: boolean;
  serverError: ReactNode;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
  triggerVariant?: "primary" | "secondary";
  /** Icon before the trigger label (default: a plus). */
  triggerIcon?: ReactNode;
  /** "danger" for an action that cannot be undone (both the trigger and the submit button). */
  tone?: "danger";
}) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogTrigger asChild>
        <Button variant={props.tone === "danger" ? "danger" : props.triggerVariant ?? "secondary"} size="sm">
          {props.triggerIcon ?? <Plus aria-hidden="true" className="size-4" />}
          {props.triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={props.onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{props.title}</DialogTitle>
            {props.description ? <DialogDescription>{props.description}</DialogDescription> : null}
          </DialogHeader>
          <DialogBody className="space-y-4">
            {props.serverError ? <Alert tone="error">{props.serverError}</Alert> : null}
            {props.children}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="ghost">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant={props.tone === "danger" ? "danger" : "primary"} loading={props.submitting}>{props.submitLabel}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
