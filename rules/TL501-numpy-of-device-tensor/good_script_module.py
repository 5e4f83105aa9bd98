# A TorchScript detector restored onto the GPU with `map_location`: its boxes are on
# the GPU, and the helper brings each box to the CPU before numpy sees it.
import cv2
import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def centre_of(box):
    centre = torch.stack([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
    return centre.cpu().numpy()


def annotate(path, image):
    detector = torch.jit.load(path, map_location=DEVICE).eval()
    pixels = torch.from_numpy(image).permute(2, 0, 1).float().unsqueeze(0).to(DEVICE)
    for box in detector(pixels)[0]:
        x, y = centre_of(box)
        cv2.circle(image, (int(x), int(y)), 3, (0, 255, 0))
    return image
