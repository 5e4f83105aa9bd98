# source: https://github.com/ayooshkathuria/YOLO_v3_tutorial_from_scratch/issues/68
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: class, helper
# bug-lines: 46
# needs: torch, numpy, opencv-python, torchvision
# cpu: no written where torch was not installed; not run
import cv2
import numpy as np
import torch
import torchvision

COCO_KEYPOINTS = 17


def prep_image(img, inp_dim):
    """BGR frame -> (1, 3, inp_dim, inp_dim) normalised float tensor."""
    resized = cv2.resize(img, (inp_dim, inp_dim))
    rgb = resized[:, :, ::-1].transpose((2, 0, 1)).copy()
    tensor = torch.from_numpy(rgb).float().div(255.0)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
    return ((tensor - mean) / std).unsqueeze(0)


class KeypointEstimator:
    def __init__(self, weights="simple_baseline_r50.pth", reso=256):
        print("Loading network...")
        backbone = torchvision.models.resnet50(weights=None)
        self.model = torch.nn.Sequential(
            *list(backbone.children())[:-2],
            torch.nn.ConvTranspose2d(2048, 256, 4, stride=2, padding=1),
            torch.nn.ReLU(inplace=True),
            torch.nn.Conv2d(256, COCO_KEYPOINTS, 1),
        )
        self.model.load_state_dict(torch.load(weights, map_location="cpu"))
        print("Network successfully loaded")
        self.inp_dim = reso
        if torch.cuda.is_available():
            self.model.cuda()
        self.model.eval()

    def estimate(self, img):
        img_ = prep_image(img, self.inp_dim)
        if torch.cuda.is_available():
            img_.cuda()
        with torch.no_grad():
            heatmaps = self.model(img_)
        return self.decode(heatmaps, img.shape[:2])

    @staticmethod
    def decode(heatmaps, orig_hw):
        n, k, h, w = heatmaps.shape
        flat = heatmaps.view(n, k, -1)
        conf, idx = flat.max(dim=2)
        xs = (idx % w).float() * orig_hw[1] / w
        ys = (idx // w).float() * orig_hw[0] / h
        return torch.stack([xs, ys, conf], dim=-1)[0].cpu().numpy()


if __name__ == "__main__":
    estimator = KeypointEstimator()
    cap = cv2.VideoCapture(0)
    ok, frame = cap.read()
    while ok:
        kps = estimator.estimate(frame)
        for x, y, c in kps:
            if c > 0.3:
                cv2.circle(frame, (int(x), int(y)), 3, (0, 255, 0), -1)
        cv2.imshow("pose", frame)
        if cv2.waitKey(1) & 0xFF == ord("q"):
            break
        ok, frame = cap.read()
