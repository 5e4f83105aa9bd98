# source: https://github.com/yoctta/multiple-attention/issues/26
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: multi-file, loader-loop
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from dataset import FaceForensicsFrames
from model import SpatialAttentionDetector


def main(root="data/ffpp_c23", epochs=5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = FaceForensicsFrames(root, split="train")
    loader = DataLoader(train_set, batch_size=12, shuffle=True, num_workers=6, drop_last=True)

    model = SpatialAttentionDetector().to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4, weight_decay=1e-5)

    for epoch in range(epochs):
        model.train()
        correct, seen = 0, 0
        for images, labels in loader:
            images = images.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            logits = model(images)
            loss = criterion(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (logits.argmax(1) == labels).sum().item()
            seen += labels.numel()
        print(f"epoch {epoch}: train acc {correct / seen:.3f}")


if __name__ == "__main__":
    main()
