# source: https://github.com/huggingface/optimum-intel/pull/182
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: module-not-placed
# shape: multi-file, helper, loader-loop, batch-dict
# bug-lines: 50, 51
# needs: torch, torchvision, pandas, pillow
# cpu: no written where torch was not installed; not run
import pandas as pd
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import ConcatDataset, DataLoader, Dataset
from torchvision import transforms

from models import build_model, load_weights
from pseudo import generate_pseudo_labels

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
NUM_CLASSES = 5
EPOCHS = 8
TFM = transforms.Compose([
    transforms.Resize((320, 320)),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])


class LeafDataset(Dataset):
    def __init__(self, image_ids, labels, image_dir, transform):
        self.image_ids = list(image_ids)
        self.labels = list(labels)
        self.image_dir = image_dir
        self.transform = transform

    def __len__(self):
        return len(self.image_ids)

    def __getitem__(self, idx):
        image = Image.open(f"{self.image_dir}/{self.image_ids[idx]}").convert("RGB")
        return {"image": self.transform(image), "image_id": self.image_ids[idx],
                "label": self.labels[idx]}


def main():
    train_df = pd.read_csv("input/train.csv")
    test_df = pd.read_csv("input/sample_submission.csv")
    test_ds = LeafDataset(test_df["image_id"], [-1] * len(test_df), "input/test_images", TFM)
    test_loader = DataLoader(test_ds, batch_size=64, shuffle=False, num_workers=4)

    teacher = load_weights(build_model("resnet50", NUM_CLASSES), "weights/teacher_fold0.pth")
    ids, labels = generate_pseudo_labels(teacher, test_loader, DEVICE, threshold=0.92)
    print(f"kept {len(ids)} / {len(test_ds)} test images as pseudo labels")

    pseudo_ds = LeafDataset(ids, labels, "input/test_images", TFM)
    train_ds = LeafDataset(train_df["image_id"], train_df["label"], "input/train_images", TFM)
    loader = DataLoader(ConcatDataset([train_ds, pseudo_ds]), batch_size=32, shuffle=True,
                        num_workers=4, drop_last=True)

    student = build_model("resnet18", NUM_CLASSES, pretrained=True).to(DEVICE)
    optimizer = torch.optim.AdamW(student.parameters(), lr=3e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(EPOCHS):
        student.train()
        for batch in loader:
            images = batch["image"].to(DEVICE)
            labels = batch["label"].to(DEVICE)
            optimizer.zero_grad()
            loss = criterion(student(images), labels)
            loss.backward()
            optimizer.step()
        torch.save(student.state_dict(), f"student_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
