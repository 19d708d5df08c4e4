// Drag and drop of a file anywhere on an element: the element is marked
// while a file is dragged over it, and the dropped file is handed on.

export function acceptFileDrops(target: HTMLElement, onFile: (file: File) => void, draggingClass = 'trainer-dragging'): void {
  let depth = 0;
  const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;
  target.addEventListener('dragenter', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    depth++;
    target.classList.add(draggingClass);
  });
  target.addEventListener('dragover', (e) => {
    if (carriesFiles(e)) e.preventDefault();
  });
  target.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) target.classList.remove(draggingClass);
  });
  target.addEventListener('drop', (e) => {
    depth = 0;
    target.classList.remove(draggingClass);
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    onFile(file);
  });
}
