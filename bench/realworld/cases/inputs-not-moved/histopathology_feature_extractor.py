# source: https://github.com/ozanciga/self-supervised-histopathology/issues/9
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: helper
# bug-lines: 57, 59
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def small_resnet():
    return nn.Sequential(
        nn.Conv2d(3, 16, 7, stride=2, padding=3),
        nn.BatchNorm2d(16),
        nn.ReLU(),
        nn.Conv2d(16, 32, 3, stride=2, padding=1),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(32, 10),
    )


def load_model_weights(model, weights):
    model_dict = model.state_dict()
    weights = {k: v for k, v in weights.items() if k in model_dict}
    if not weights:
        print("No weight could be loaded..")
    model_dict.update(weights)
    model.load_state_dict(model_dict)
    return model


def get_model_ciga(state_dict):
    model = small_resnet()
    model = load_model_weights(model, state_dict)
    if torch.cuda.is_available():
        return model.cuda()
    return model


def preprocess(rgb_img):
    arr = np.asarray(rgb_img, dtype=np.float32) / 255.0
    arr = (arr - MEAN) / STD
    return torch.from_numpy(arr.transpose(2, 0, 1)).unsqueeze(0)


if __name__ == "__main__":
    checkpoint = {"state_dict": {}}
    model = get_model_ciga(checkpoint["state_dict"])
    feature_extractor = nn.Sequential(*list(model.children())[:-1]).eval()
    patch = np.random.randint(0, 255, size=(64, 64, 3), dtype=np.uint8)
    img = preprocess(patch)
    with torch.no_grad():
        features = feature_extractor(img)
    print(features.shape)
