# source: https://github.com/chflame163/ComfyUI_FaceSimilarity/issues/10
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class
# bug-lines: 14
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch


def tensor2cv2(image):
    # IMAGE is [H, W, C] float in 0..1, RGB order
    npimage = image.numpy()
    npimage = np.clip(npimage * 255.0, 0, 255).astype(np.uint8)
    return npimage[:, :, ::-1].copy()


def face_embedding(bgr):
    small = bgr[::4, ::4].astype(np.float32) / 255.0
    vec = small.reshape(-1)
    return vec / (np.linalg.norm(vec) + 1e-8)


class FaceSimilarity:
    CATEGORY = "face"
    RETURN_TYPES = ("FLOAT",)
    FUNCTION = "compare"

    def compare(self, image, reference):
        ref = face_embedding(tensor2cv2(reference[0]))
        scores = []
        for i in range(image.shape[0]):
            scores.append(float(np.dot(face_embedding(tensor2cv2(image[i])), ref)))
        return (sum(scores) / len(scores),)


def vae_decode(latent):
    # the decoded batch stays on the sampler's device
    return torch.sigmoid(latent.permute(0, 2, 3, 1))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    latent = torch.randn(2, 3, 64, 64, device=device)
    images = vae_decode(latent)
    reference = torch.rand(1, 64, 64, 3)
    print(FaceSimilarity().compare(images, reference))
