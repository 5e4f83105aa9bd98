# source: https://github.com/samleoqh/MSCG-Net/issues/7
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #3 'index'
# pattern: loss-target-dtype
# shape: multi-file, class, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train an FCN on field-pattern tiles with the adaptive class-weight loss."""
import torch
from torch.utils.data import DataLoader
from torchvision.models.segmentation import fcn_resnet50

from dataset import FieldTiles
from losses import AdaptiveClassWeightLoss

NUM_CLASSES = 7
EPOCHS = 30


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader = DataLoader(FieldTiles("data/field_tiles", "train"), batch_size=8,
                              shuffle=True, num_workers=4, drop_last=True)
    model = fcn_resnet50(weights=None, weights_backbone="DEFAULT", num_classes=NUM_CLASSES).to(device)
    criterion = AdaptiveClassWeightLoss(NUM_CLASSES).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=EPOCHS * len(train_loader))

    for epoch in range(EPOCHS):
        model.train()
        running = 0.0
        for it, (inputs, labels) in enumerate(train_loader):
            inputs, labels = inputs.to(device), labels.to(device)
            outputs = model(inputs)["out"]
            main_loss = criterion(outputs, labels)
            optimizer.zero_grad()
            main_loss.backward()
            optimizer.step()
            scheduler.step()
            running += main_loss.item()
            if it % 50 == 0:
                print(f"epoch {epoch} iter {it} loss {running / (it + 1):.4f}")
        torch.save(model.state_dict(), f"fcn_fields_ep{epoch}.pth")


if __name__ == "__main__":
    main()
