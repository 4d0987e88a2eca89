"use client";
// A vertical list reordered by drag (dnd-kit): by mouse or touch on each item's handle, or by
// keyboard (focus the handle, Space to pick up, arrows to move, Space to drop, Escape to
// cancel), announced to screen readers by the items' names.
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from "@dnd-kit/core";
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useRef, type ReactNode } from "react";

export interface Keyed { key: string }

function Item({ id, handleLabel, disabled, children }: { id: string; handleLabel: string; disabled: boolean; children: (handle: ReactNode) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled });
  const style = { transform: transform ? `translate3d(${Math.round(transform.x)}px, ${Math.round(transform.y)}px, 0)` : undefined, transition };
  const handle = disabled ? null : (
    <button type="button" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={handleLabel}
      className="cursor-grab touch-none rounded px-1 text-slate-500 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500 active:cursor-grabbing dark:hover:bg-slate-800">
      <span aria-hidden>⠿</span>
    </button>
  );
  return <div ref={setNodeRef} style={style} className={isDragging ? "relative z-10 opacity-80 shadow-lg" : undefined}>{children(handle)}</div>;
}

export function SortableList<T extends Keyed>({ id, items, nameOf, onReorder, disabled = false, children }: {
  /** Stable across server and client render (dnd-kit derives its ARIA ids from it). */
  id: string;
  items: T[];
  nameOf: (item: T) => string;
  onReorder: (items: T[]) => void;
  disabled?: boolean;
  children: (item: T, index: number, handle: ReactNode) => ReactNode;
}) {
  const sensors = useSensors(
    // A few pixels before a drag starts, so clicking the handle is not a drag.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const name = (key: UniqueIdentifier) => {
    const item = items.find((i) => i.key === key);
    return item ? nameOf(item) : "item";
  };
  const position = (key: UniqueIdentifier | undefined) => items.findIndex((i) => i.key === key) + 1;
  // The item is "over" itself as soon as it is picked up: saying so would drown the pick-up.
  const moved = useRef(false);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      moved.current = false;
      return `Picked up ${name(active.id)}, position ${position(active.id)} of ${items.length}.`;
    },
    onDragOver: ({ active, over }) => {
      if (!over || (over.id === active.id && !moved.current)) return undefined;
      moved.current = true;
      return `${name(active.id)} is over position ${position(over.id)} of ${items.length}.`;
    },
    onDragEnd: ({ active, over }) => (over ? `${name(active.id)} dropped at position ${position(over.id)} of ${items.length}.` : `${name(active.id)} dropped.`),
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onReorder(arrayMove(items, items.findIndex((i) => i.key === active.id), items.findIndex((i) => i.key === over.id)));
  };
  return (
    <DndContext id={id} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: "To reorder, press Space, move with the arrow keys, press Space again to drop, or Escape to cancel." } }}>
      <SortableContext items={items.map((i) => i.key)} strategy={verticalListSortingStrategy}>
        {items.map((item, i) => (
          <Item key={item.key} id={item.key} handleLabel={`Drag ${nameOf(item)}`} disabled={disabled}>{(handle) => children(item, i, handle)}</Item>
        ))}
      </SortableContext>
    </DndContext>
  );
}
