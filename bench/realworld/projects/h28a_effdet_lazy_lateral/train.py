# source: https://github.com/toandaominh1997/EfficientDet.Pytorch/issues/8
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'weight'
# pattern: module-added-after-placement
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the lite detector with a placeholder objectness/box loss."""
import torch
import torch.nn.functional as F

from data import make_loader
from model import EfficientDetLite


def detection_loss(cls_out, box_out, targets):
    # placeholder: push background logits down, keep boxes small; real assigner omitted
    obj = F.binary_cross_entropy_with_logits(cls_out, torch.zeros_like(cls_out))
    n_boxes = sum(len(t["boxes"]) for t in targets)
    return obj + 1e-3 * box_out.abs().mean() * n_boxes


def main(epochs=3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = EfficientDetLite(num_classes=20).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=4e-5)
    loader = make_loader()
    for epoch in range(epochs):
        model.train()
        for step, (images, targets) in enumerate(loader):
            images = images.to(device)
            targets = [{k: v.to(device) for k, v in t.items()} for t in targets]
            cls_out, box_out = model(images)
            loss = detection_loss(cls_out, box_out, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 10 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
